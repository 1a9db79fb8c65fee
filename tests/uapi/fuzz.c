// SPDX-License-Identifier: GPL-2.0
/*
 * agx-uapi-fuzz: random arguments to every ioctl of agx.ko's render node, for a bounded
 * number of calls and time, seeded (the seed is printed; -s SEED repeats a run). Values are
 * drawn from what breaks parsers: 0, ~0, powers of two, page multiples, addresses in and
 * around the VA window, ids and handles the fuzzer created (so that calls get past the
 * lookups), and pointers to a scratch buffer, NULL, an unmapped page or the kernel. Now and
 * then the file is closed with everything alive, and a child process fuzzing its own file
 * is killed. The verdict is the kernel's: any report in the log fails the run. KTAP: one
 * case per ioctl (its calls and results), one for the process deaths.
 *
 *   agx-uapi-fuzz [-k] [-s SEED] [-n CALLS] [-t SECONDS]
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xf86drm.h>

#include "uapi.h"

#define SCRATCH_SIZE (256 * 1024)
#define MAX_IDS 64
#define NERR 8

/* what the fuzzer created and may pass back: VM ids, GEM handles, queues, objects, syncobjs */
enum { ID_VM, ID_BO, ID_QUEUE, ID_OBJ, ID_SYNCOBJ, ID_KINDS };

struct fuzz {
	int fd;
	__u64 rng;
	unsigned char *scratch;	/* SCRATCH_SIZE bytes the kernel may read and write */
	void *hole;		/* an unmapped page */
	__u32 ids[ID_KINDS][MAX_IDS];
	unsigned int nids[ID_KINDS];
	__u64 vm_start, vm_end;
};

struct target {
	const char *name;
	unsigned long req;
	void (*gen)(struct fuzz *f, void *arg);
	int id_kind;		/* what a successful call created (-1: nothing) */
	size_t id_off;		/* where in the argument */
};

/* per target: calls, successes, the first NERR errnos seen and their counts */
struct stats {
	unsigned long calls, ok;
	int err[NERR];
	unsigned long nerr[NERR];
};

static __u64 rnd(struct fuzz *f)
{
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int pick(struct fuzz *f, unsigned int n)
{
	return rnd(f) % n;
}

static __u32 id(struct fuzz *f, int kind)
{
	if (f->nids[kind] && pick(f, 8))
		return f->ids[kind][pick(f, f->nids[kind])];
	return pick(f, 4) ? pick(f, 8) : (__u32)rnd(f);
}

static void add_id(struct fuzz *f, int kind, __u32 v)
{
	if (f->nids[kind] < MAX_IDS)
		f->ids[kind][f->nids[kind]++] = v;
	else
		f->ids[kind][pick(f, MAX_IDS)] = v;
}

/* a value that breaks parsers: small, all ones, a power of two, a page multiple, random */
static __u64 val(struct fuzz *f)
{
	switch (pick(f, 8)) {
	case 0:
		return 0;
	case 1:
		return pick(f, 4);
	case 2:
		return ~0ULL >> pick(f, 64);
	case 3:
		return 1ULL << pick(f, 64);
	case 4:
		return (__u64)pick(f, 64) * AGX_PAGE;
	case 5:
		return ((1ULL << pick(f, 64)) + pick(f, 3) - 1);
	default:
		return rnd(f);
	}
}

/* a flags word: a few low bits, or anything */
static __u32 flags(struct fuzz *f)
{
	return pick(f, 4) ? pick(f, 16) : (__u32)val(f);
}

/* mostly zero, as it must be */
static __u32 mbz(struct fuzz *f)
{
	return pick(f, 16) ? 0 : (__u32)val(f);
}

/* a user pointer: into the scratch buffer with len bytes of random words or ids behind it */
static __u64 ptr(struct fuzz *f, size_t len)
{
	size_t off, i;

	switch (pick(f, 12)) {
	case 0:
		return 0;
	case 1:
		return (__u64)(unsigned long)f->hole;
	case 2:
		return 0xffff800000000000ULL + AGX_PAGE * pick(f, 16);
	default:
		break;
	}
	if (len > SCRATCH_SIZE / 2)
		len = SCRATCH_SIZE / 2;
	off = (pick(f, SCRATCH_SIZE / 2 / 8) * 8) & ~7UL;
	for (i = 0; i + 4 <= len; i += 4) {
		__u32 w = pick(f, 2) ? (__u32)val(f) : id(f, pick(f, ID_KINDS));

		memcpy(f->scratch + off + i, &w, 4);
	}
	return (__u64)(unsigned long)(f->scratch + off);
}

#if AGX_HAVE_UAPI
/* does the user pointer p point into the scratch buffer, with len bytes behind it? */
static bool in_scratch(struct fuzz *f, __u64 p, size_t len)
{
	__u64 s = (__u64)(unsigned long)f->scratch;

	return p >= s && p < s + SCRATCH_SIZE && len <= s + SCRATCH_SIZE - p;
}

/* a GPU address: page-aligned in the window mostly, at its edges, or anywhere */
static __u64 addr(struct fuzz *f)
{
	__u64 span = f->vm_end - f->vm_start;

	switch (pick(f, 6)) {
	case 0:
		return f->vm_end - AGX_PAGE * pick(f, 4);
	case 1:
		return f->vm_start + AGX_PAGE * pick(f, 4) - AGX_PAGE;
	case 2:
		return val(f);
	default:
		return span ? (f->vm_start + rnd(f) % span) & ~(AGX_PAGE - 1) : val(f);
	}
}

/* a size: a few pages mostly */
static __u64 size(struct fuzz *f)
{
	return pick(f, 4) ? AGX_PAGE * (1 + pick(f, 16)) : val(f);
}

static void gen_get_params(struct fuzz *f, void *arg)
{
	struct drm_asahi_get_params *a = arg;

	a->param_group = mbz(f);
	a->pad = mbz(f);
	a->size = pick(f, 2) ? sizeof(struct drm_asahi_params_global) : val(f) % 4096;
	a->pointer = ptr(f, 0);
}

static void gen_get_time(struct fuzz *f, void *arg)
{
	struct drm_asahi_get_time *a = arg;

	a->flags = mbz(f);
}

static void gen_vm_create(struct fuzz *f, void *arg)
{
	struct drm_asahi_vm_create *a = arg;

	a->kernel_start = addr(f);
	a->kernel_end = pick(f, 2) ? f->vm_end : addr(f);
	a->pad = mbz(f);
}

static void gen_vm_destroy(struct fuzz *f, void *arg)
{
	struct drm_asahi_vm_destroy *a = arg;

	a->vm_id = id(f, ID_VM);
	a->pad = mbz(f);
}

static void gen_gem_create(struct fuzz *f, void *arg)
{
	struct drm_asahi_gem_create *a = arg;

	a->size = size(f);
	a->flags = pick(f, 2) ? pick(f, 4) : flags(f);
	a->vm_id = a->flags & DRM_ASAHI_GEM_VM_PRIVATE ? id(f, ID_VM) : mbz(f);
	a->pad = mbz(f);
}

static void gen_mmap_offset(struct fuzz *f, void *arg)
{
	struct drm_asahi_gem_mmap_offset *a = arg;

	a->handle = id(f, ID_BO);
	a->flags = mbz(f);
}

/* half of the ops well-formed (so that arrays of them get past the checks), half anything */
static void gen_bind_op(struct fuzz *f, struct drm_asahi_gem_bind_op *op)
{
	if (pick(f, 2)) {
		op->flags = pick(f, 3) ? DRM_ASAHI_BIND_READ | DRM_ASAHI_BIND_WRITE :
					 DRM_ASAHI_BIND_UNBIND;
		op->handle = op->flags & DRM_ASAHI_BIND_UNBIND ? 0 : id(f, ID_BO);
		op->offset = 0;
		op->range = AGX_PAGE * (1 + pick(f, 2));
		op->addr = f->vm_start + AGX_PAGE * pick(f, 1024);
		if (pick(f, 4) == 0) {
			op->flags |= DRM_ASAHI_BIND_SINGLE_PAGE;
			op->range *= 8;
		}
		return;
	}
	op->flags = pick(f, 4) ? pick(f, 16) : flags(f);
	op->handle = op->flags & DRM_ASAHI_BIND_UNBIND ? 0 : id(f, ID_BO);
	op->offset = pick(f, 2) ? 0 : size(f);
	op->range = size(f);
	op->addr = addr(f);
}

static void gen_vm_bind(struct fuzz *f, void *arg)
{
	struct drm_asahi_vm_bind *a = arg;
	unsigned int i, n = pick(f, 8) ? 1 + pick(f, 2) * pick(f, 4) : (unsigned int)val(f);
	struct drm_asahi_gem_bind_op *ops;

	a->vm_id = id(f, ID_VM);
	a->num_binds = n;
	a->stride = pick(f, 4) ? sizeof(*ops) : (__u32)val(f) % 128;
	a->pad = mbz(f);
	a->userptr = ptr(f, (size_t)a->stride * (n < 64 ? n : 64));
	if (a->stride != sizeof(*ops) || n > 64 || !in_scratch(f, a->userptr, n * sizeof(*ops)))
		return;
	ops = (void *)(unsigned long)a->userptr;
	for (i = 0; i < n; i++)
		gen_bind_op(f, &ops[i]);
}

static void gen_bind_object(struct fuzz *f, void *arg)
{
	struct drm_asahi_gem_bind_object *a = arg;

	a->op = pick(f, 4) ? pick(f, 2) : (__u32)val(f);
	a->flags = pick(f, 4) ? DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS : flags(f);
	a->handle = id(f, ID_BO);
	a->vm_id = mbz(f);
	a->offset = pick(f, 2) ? 0 : size(f);
	a->range = size(f);
	a->object_handle = id(f, ID_OBJ);
	a->pad = mbz(f);
}

static void gen_queue_create(struct fuzz *f, void *arg)
{
	struct drm_asahi_queue_create *a = arg;

	a->flags = mbz(f);
	a->vm_id = id(f, ID_VM);
	a->priority = pick(f, 4) ? pick(f, 2) : (__u32)val(f);
	a->usc_exec_base = addr(f) & ~((1ULL << 32) - 1);
}

static void gen_queue_destroy(struct fuzz *f, void *arg)
{
	struct drm_asahi_queue_destroy *a = arg;

	a->queue_id = id(f, ID_QUEUE);
	a->pad = mbz(f);
}

/*
 * Half of the submits well-formed: one or two compute or render commands whose control
 * stream is 0 (no work), anywhere in the window (a GPU fault, or the simulator refusing
 * what it reads) or a random value; a signal of a syncobj the fuzzer made, or none.
 * So that jobs run, fault and are in flight when queues, VMs and files go away.
 */
static bool gen_good_submit(struct fuzz *f, struct drm_asahi_submit *a)
{
	struct drm_asahi_cmd_header *h;
	struct drm_asahi_sync *y;
	unsigned int i, n = 1 + pick(f, 2);
	size_t len = 0;
	__u64 p = ptr(f, 16 + n * (8 + sizeof(struct drm_asahi_cmd_render)));

	if (!in_scratch(f, p, 16 + n * (8 + sizeof(struct drm_asahi_cmd_render))))
		return false;
	y = (void *)(unsigned long)p;
	memset(y, 0, sizeof(*y));
	y->sync_type = DRM_ASAHI_SYNC_SYNCOBJ;
	y->handle = id(f, ID_SYNCOBJ);
	a->syncs = p;
	a->in_sync_count = 0;
	a->out_sync_count = pick(f, 2);
	a->cmdbuf = p + 16;
	for (i = 0; i < n; i++) {
		bool render = pick(f, 2);
		__u64 stream = pick(f, 3) ? 0 : pick(f, 2) ? addr(f) : val(f);
		unsigned char *payload;

		h = (void *)(unsigned long)(a->cmdbuf + len);
		payload = (unsigned char *)(h + 1);
		h->cmd_type = render ? DRM_ASAHI_CMD_RENDER : DRM_ASAHI_CMD_COMPUTE;
		h->vdm_barrier = pick(f, 2) ? 0 : DRM_ASAHI_BARRIER_NONE;
		h->cdm_barrier = pick(f, 2) ? 0 : DRM_ASAHI_BARRIER_NONE;
		if (render) {
			struct drm_asahi_cmd_render r = {
				.vdm_ctrl_stream_base = stream, .samples = 1,
				.width_px = 1 + pick(f, 256), .height_px = 1 + pick(f, 256),
				.layers = 1, .utile_width_px = 32, .utile_height_px = 32,
			};

			h->size = sizeof(r);
			memcpy(payload, &r, sizeof(r));
		} else {
			struct drm_asahi_cmd_compute c = { .cdm_ctrl_stream_base = stream };

			h->size = sizeof(c);
			memcpy(payload, &c, sizeof(c));
		}
		len += sizeof(*h) + h->size;
	}
	a->cmdbuf_size = len;
	return true;
}

/* a command buffer of a few headers with payloads of random words and addresses */
static void gen_submit(struct fuzz *f, void *arg)
{
	struct drm_asahi_submit *a = arg;
	struct drm_asahi_sync *s;
	unsigned int i, nsync;

	a->flags = mbz(f);
	a->pad = mbz(f);
	a->queue_id = id(f, ID_QUEUE);
	if (pick(f, 2) && gen_good_submit(f, a))
		return;
	a->in_sync_count = pick(f, 4) ? pick(f, 3) : (__u32)val(f);
	a->out_sync_count = pick(f, 4) ? pick(f, 3) : (__u32)val(f);
	nsync = a->in_sync_count + a->out_sync_count;
	a->syncs = ptr(f, sizeof(*s) * (nsync < 16 ? nsync : 16));
	if (nsync <= 16 && in_scratch(f, a->syncs, nsync * sizeof(*s))) {
		s = (void *)(unsigned long)a->syncs;
		for (i = 0; i < nsync; i++) {
			s[i].sync_type = pick(f, 8) ? pick(f, 2) : (__u32)val(f);
			s[i].handle = id(f, ID_SYNCOBJ);
			s[i].timeline_value = pick(f, 2) ? pick(f, 8) : val(f);
		}
	}
	a->cmdbuf_size = pick(f, 4) ? 8 + (pick(f, 2) ? 64 : 240) : (__u32)val(f) % 4096;
	a->cmdbuf = ptr(f, a->cmdbuf_size);
	if (a->cmdbuf_size >= 8 && in_scratch(f, a->cmdbuf, 8) && pick(f, 2)) {
		struct drm_asahi_cmd_header *h = (void *)(unsigned long)a->cmdbuf;

		h->cmd_type = pick(f, 6);
		h->size = a->cmdbuf_size - 8;
		h->vdm_barrier = pick(f, 2) ? DRM_ASAHI_BARRIER_NONE : pick(f, 3);
		h->cdm_barrier = pick(f, 2) ? DRM_ASAHI_BARRIER_NONE : pick(f, 3);
	}
}
#endif

static void gen_gem_close(struct fuzz *f, void *arg)
{
	struct drm_gem_close *a = arg;

	a->handle = id(f, ID_BO);
	a->pad = mbz(f);
}

static void gen_syncobj_create(struct fuzz *f, void *arg)
{
	struct drm_syncobj_create *a = arg;

	a->flags = pick(f, 4) ? pick(f, 2) : flags(f);
}

static void gen_syncobj_destroy(struct fuzz *f, void *arg)
{
	struct drm_syncobj_destroy *a = arg;

	a->handle = id(f, ID_SYNCOBJ);
	a->pad = mbz(f);
}

static void gen_version(struct fuzz *f, void *arg)
{
	struct drm_version *a = arg;

	a->name_len = pick(f, 64);
	a->name = (char *)(unsigned long)ptr(f, 0);
	a->date_len = pick(f, 64);
	a->date = (char *)(unsigned long)ptr(f, 0);
	a->desc_len = pick(f, 64);
	a->desc = (char *)(unsigned long)ptr(f, 0);
}

#define T(n, r, g, k, s, fld) { n, r, g, k, offsetof(s, fld) }
static const struct target targets[] = {
#if AGX_HAVE_UAPI
	{ "GET_PARAMS", DRM_IOCTL_ASAHI_GET_PARAMS, gen_get_params, -1, 0 },
	{ "GET_TIME", DRM_IOCTL_ASAHI_GET_TIME, gen_get_time, -1, 0 },
	T("VM_CREATE", DRM_IOCTL_ASAHI_VM_CREATE, gen_vm_create, ID_VM,
	  struct drm_asahi_vm_create, vm_id),
	{ "VM_DESTROY", DRM_IOCTL_ASAHI_VM_DESTROY, gen_vm_destroy, -1, 0 },
	{ "VM_BIND", DRM_IOCTL_ASAHI_VM_BIND, gen_vm_bind, -1, 0 },
	T("GEM_CREATE", DRM_IOCTL_ASAHI_GEM_CREATE, gen_gem_create, ID_BO,
	  struct drm_asahi_gem_create, handle),
	{ "GEM_MMAP_OFFSET", DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET, gen_mmap_offset, -1, 0 },
	T("GEM_BIND_OBJECT", DRM_IOCTL_ASAHI_GEM_BIND_OBJECT, gen_bind_object, ID_OBJ,
	  struct drm_asahi_gem_bind_object, object_handle),
	T("QUEUE_CREATE", DRM_IOCTL_ASAHI_QUEUE_CREATE, gen_queue_create, ID_QUEUE,
	  struct drm_asahi_queue_create, queue_id),
	{ "QUEUE_DESTROY", DRM_IOCTL_ASAHI_QUEUE_DESTROY, gen_queue_destroy, -1, 0 },
	{ "SUBMIT", DRM_IOCTL_ASAHI_SUBMIT, gen_submit, -1, 0 },
#endif
	{ "GEM_CLOSE", DRM_IOCTL_GEM_CLOSE, gen_gem_close, -1, 0 },
	T("SYNCOBJ_CREATE", DRM_IOCTL_SYNCOBJ_CREATE, gen_syncobj_create, ID_SYNCOBJ,
	  struct drm_syncobj_create, handle),
	{ "SYNCOBJ_DESTROY", DRM_IOCTL_SYNCOBJ_DESTROY, gen_syncobj_destroy, -1, 0 },
	{ "VERSION", DRM_IOCTL_VERSION, gen_version, -1, 0 },
};

#define NTARGETS ARRAY_SIZE(targets)

/* a core ioctl, or an asahi one in agx.ko's table */
static bool enabled(const struct target *t)
{
	return t->req == DRM_IOCTL_GEM_CLOSE || t->req == DRM_IOCTL_VERSION ||
	       t->req == DRM_IOCTL_SYNCOBJ_CREATE || t->req == DRM_IOCTL_SYNCOBJ_DESTROY ||
	       agx_has_ioctl(t->name);
}

static void count(struct stats *st, int r)
{
	int i;

	st->calls++;
	if (!r) {
		st->ok++;
		return;
	}
	for (i = 0; i < NERR; i++) {
		if (st->err[i] == r || !st->err[i]) {
			st->err[i] = r;
			st->nerr[i]++;
			return;
		}
	}
}

#if AGX_HAVE_UAPI
/* a BO is at least one GPU page: map that much at its offset and write to it */
static void map_and_touch(struct fuzz *f, __u64 offset)
{
	unsigned char *p = mmap(NULL, AGX_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, f->fd,
				offset);

	if (p == MAP_FAILED)
		return;
	p[pick(f, AGX_PAGE)] = (unsigned char)rnd(f);
	munmap(p, AGX_PAGE);
}
#endif

static void one_call(struct fuzz *f, struct stats *st)
{
	__u64 arg[32];
	const struct target *t;
	int r;

	do
		t = &targets[pick(f, NTARGETS)];
	while (!enabled(t));
	memset(arg, 0, sizeof(arg));
	t->gen(f, arg);
	r = agx_ioctl(f->fd, t->req, arg);
	count(&st[t - targets], r);
#if AGX_HAVE_UAPI
	if (!r && t->req == DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET && pick(f, 2))
		map_and_touch(f, ((struct drm_asahi_gem_mmap_offset *)arg)->offset);
#endif
	if (!r && t->id_kind >= 0) {
		__u32 v;

		memcpy(&v, (char *)arg + t->id_off, sizeof(v));
		add_id(f, t->id_kind, v);
	}
}

static void reopen(struct fuzz *f)
{
	close(f->fd);
	f->fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	memset(f->nids, 0, sizeof(f->nids));
}

/* a child that fuzzes a file of its own and is killed mid-way; 0 if it died by the kill */
static int killed_child(struct fuzz *f, struct stats *st)
{
	__u64 seed = rnd(f);
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		f->rng = seed | 1;
		reopen(f);
		for (;;)
			one_call(f, st);
	}
	usleep(1000 * (20 + pick(f, 200)));
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}

static void params(struct fuzz *f)
{
	f->vm_start = 0;
	f->vm_end = 1ULL << 39;
#if AGX_HAVE_UAPI
	if (agx_has_ioctl("GET_PARAMS")) {
		struct drm_asahi_params_global p;
		struct drm_asahi_get_params gp = {
			.pointer = (__u64)(unsigned long)&p, .size = sizeof(p),
		};

		if (!agx_ioctl(f->fd, DRM_IOCTL_ASAHI_GET_PARAMS, &gp)) {
			f->vm_start = p.vm_start;
			f->vm_end = p.vm_end;
		}
	}
#endif
}

/* the loop, in a child whose stats live in shared memory: a crash of it is a failed case */
static void fuzz_loop(struct fuzz *f, struct stats *st, unsigned long calls,
		      unsigned int seconds, int *deaths)
{
	time_t end = time(NULL) + seconds;
	unsigned long i;

	if (killed_child(f, st) == 0)
		(*deaths)++;
	for (i = 0; i < calls && time(NULL) < end; i++) {
		one_call(f, st);
		if (i % 997 == 996)
			reopen(f);
		if (i % 1499 == 1498 && killed_child(f, st) == 0)
			(*deaths)++;
	}
}

static void report(const struct stats *st, int deaths, bool crashed)
{
	char line[512];
	size_t i, n = 0;
	int j, len;

	for (i = 0; i < NTARGETS; i++)
		n += enabled(&targets[i]);
	ktap_print("    KTAP version 1");
	ktap_print("    # Subtest: asahi_uapi_fuzz");
	ktap_print("    1..%zu", n + 1);
	n = 0;
	for (i = 0; i < NTARGETS; i++) {
		if (!enabled(&targets[i]))
			continue;
		len = snprintf(line, sizeof(line), "%lu calls, %lu ok", st[i].calls, st[i].ok);
		for (j = 0; j < NERR && st[i].err[j]; j++)
			len += snprintf(line + len, sizeof(line) - len, ", %s %lu",
					ktap_errname(st[i].err[j]), st[i].nerr[j]);
		ktap_print("    # %s: %s", targets[i].name, line);
		ktap_print("    %s %zu %s", crashed ? "not ok" : "ok", ++n, targets[i].name);
	}
	ktap_print("    # files of killed processes: %d", deaths);
	ktap_print("    %s %zu process_death", crashed || !deaths ? "not ok" : "ok", n + 1);
	ktap_print("%s 1 asahi_uapi_fuzz", crashed || !deaths ? "not ok" : "ok");
}

int main(int argc, char **argv)
{
	unsigned long calls = 2000;
	unsigned int seconds = 60;
	struct fuzz f = { 0 };
	__u64 seed = 0;
	struct stats *st;
	int c, status, *deaths;
	pid_t pid;

	while ((c = getopt(argc, argv, "ks:n:t:")) != -1) {
		switch (c) {
		case 'k':
			ktap_use_kmsg();
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			calls = strtoul(optarg, NULL, 0);
			break;
		case 't':
			seconds = strtoul(optarg, NULL, 0);
			break;
		default:
			return 2;
		}
	}
	if (!seed)
		seed = (__u64)time(NULL) * 2654435761ULL ^ (__u64)getpid() << 32;
	f.rng = seed | 1;
	ktap_print("KTAP version 1");
	ktap_print("# agx-uapi-fuzz: seed %#llx, at most %lu calls in %u s (rerun: -s %#llx)",
		   (unsigned long long)seed, calls, seconds, (unsigned long long)seed);
	ktap_print("1..1");
	f.fd = open(AGX_RENDER_NODE, O_RDWR | O_CLOEXEC);
	if (f.fd < 0) {
		ktap_print("ok 1 asahi_uapi_fuzz # SKIP no %s", AGX_RENDER_NODE);
		return 0;
	}
	st = mmap(NULL, sizeof(*st) * NTARGETS + sizeof(int), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	f.scratch = mmap(NULL, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	f.hole = mmap(NULL, AGX_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (st == MAP_FAILED || f.scratch == MAP_FAILED || f.hole == MAP_FAILED)
		return 2;
	memset(st, 0, sizeof(*st) * NTARGETS + sizeof(int));
	deaths = (int *)(st + NTARGETS);
	params(&f);
	pid = fork();
	if (pid == 0) {
		fuzz_loop(&f, st, calls, seconds, deaths);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		ktap_print("# the fuzzer died: status %#x", status);
	report(st, *deaths, !WIFEXITED(status) || WEXITSTATUS(status));
	return 0;
}
