/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The Apple AGX (Asahi) DRM uAPI, as merged for Linux 6.16.
 *
 * Written for this project from the facts sheet asahi-uapi.md (sections 2 to 4): the ioctl
 * numbers, struct names, field names, sizes, offsets, enums and flag values are those of the
 * upstream header, so that userspace built against upstream (Mesa's asahi and hk drivers)
 * works unchanged. The comments are ours; the section numbers (§) refer to that sheet.
 *
 * Rules that hold for every struct below (§4.1, §4.2):
 *
 *  - every field has a fixed width and is naturally aligned; explicit pad fields fill the
 *    holes, and every struct's size is a multiple of 8;
 *  - every pad field, and every field documented "must be zero" (MBZ), is checked by the
 *    kernel: a non-zero value is rejected, so that a later kernel can give it a meaning;
 *  - flags are only ever added; new fields go at the end of an ioctl's own struct or replace
 *    a pad field, and zero always means the old behaviour;
 *  - a struct reached through a pointer grows only where a size travels with it
 *    (drm_asahi_get_params.size, drm_asahi_vm_bind.stride, drm_asahi_cmd_header.size);
 *  - ioctl IDs are append-only.
 */
#ifndef _ASAHI_DRM_H_
#define _ASAHI_DRM_H_

#include "drm.h"

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * enum drm_asahi_ioctl_id - offsets of the driver's ioctls from DRM_COMMAND_BASE (§2)
 *
 * @DRM_ASAHI_GET_PARAMS: copy out the device parameters, &struct drm_asahi_params_global
 * @DRM_ASAHI_GET_TIME: read the GPU clock, in nanoseconds
 * @DRM_ASAHI_VM_CREATE: create a GPU address space
 * @DRM_ASAHI_VM_DESTROY: destroy a GPU address space
 * @DRM_ASAHI_VM_BIND: map or unmap an array of BO ranges in a VM
 * @DRM_ASAHI_GEM_CREATE: create a buffer object
 * @DRM_ASAHI_GEM_MMAP_OFFSET: get the fake mmap() offset of a buffer object
 * @DRM_ASAHI_GEM_BIND_OBJECT: register a buffer object as a firmware object (timestamps)
 * @DRM_ASAHI_QUEUE_CREATE: create a command queue on a VM
 * @DRM_ASAHI_QUEUE_DESTROY: destroy a command queue
 * @DRM_ASAHI_SUBMIT: submit a command buffer to a queue
 */
enum drm_asahi_ioctl_id {
	DRM_ASAHI_GET_PARAMS = 0,
	DRM_ASAHI_GET_TIME = 1,
	DRM_ASAHI_VM_CREATE = 2,
	DRM_ASAHI_VM_DESTROY = 3,
	DRM_ASAHI_VM_BIND = 4,
	DRM_ASAHI_GEM_CREATE = 5,
	DRM_ASAHI_GEM_MMAP_OFFSET = 6,
	DRM_ASAHI_GEM_BIND_OBJECT = 7,
	DRM_ASAHI_QUEUE_CREATE = 8,
	DRM_ASAHI_QUEUE_DESTROY = 9,
	DRM_ASAHI_SUBMIT = 10,
};

/* The number of entries of drm_asahi_params_global.core_masks (§3.1). */
#define DRM_ASAHI_MAX_CLUSTERS	64

/**
 * struct drm_asahi_params_global - the device parameters (§3.1), 592 bytes
 *
 * GET_PARAMS writes this block, or its first drm_asahi_get_params.size bytes, to userspace.
 */
struct drm_asahi_params_global {
	/** @features: bitmask of &enum drm_asahi_feature */
	__u64 features;

	/** @gpu_generation: GPU generation, for example 13 for G13G */
	__u32 gpu_generation;

	/** @gpu_variant: GPU variant as an ASCII letter, for example 'C' for G13C */
	__u32 gpu_variant;

	/** @gpu_revision: GPU revision in BCD: 0x00 is A0, 0x21 is C1 */
	__u32 gpu_revision;

	/** @chip_id: SoC identifier in BCD, for example 0x8103 for T8103 */
	__u32 chip_id;

	/** @num_dies: number of dies in the SoC */
	__u32 num_dies;

	/** @num_clusters_total: number of GPU clusters over all dies */
	__u32 num_clusters_total;

	/** @num_cores_per_cluster: logical cores per cluster, inactive or missing ones included */
	__u32 num_cores_per_cluster;

	/** @max_frequency_khz: maximum GPU core clock */
	__u32 max_frequency_khz;

	/** @core_masks: per cluster, the bitmask of its present and enabled cores */
	__u64 core_masks[DRM_ASAHI_MAX_CLUSTERS];

	/** @vm_start: start of the GPU VA window userspace manages */
	__u64 vm_start;

	/** @vm_end: end of that window */
	__u64 vm_end;

	/** @vm_kernel_min_size: least size of the kernel VA range given to VM_CREATE (§4.3) */
	__u64 vm_kernel_min_size;

	/** @max_commands_per_submission: most hardware commands in one SUBMIT */
	__u32 max_commands_per_submission;

	/** @max_attachments: most &struct drm_asahi_attachment entries per command */
	__u32 max_attachments;

	/** @command_timestamp_frequency_hz: tick rate of the timestamps the firmware writes */
	__u64 command_timestamp_frequency_hz;
};

/**
 * enum drm_asahi_feature - bits of drm_asahi_params_global.features (§3.1)
 *
 * @DRM_ASAHI_FEATURE_SOFT_FAULTS: shader loads from unmapped memory read zero and shader
 *	stores to it are dropped (other units still fault); fixed at GPU initialisation.
 */
enum drm_asahi_feature {
	DRM_ASAHI_FEATURE_SOFT_FAULTS = (1UL) << 0,
};

/**
 * struct drm_asahi_get_params - argument of DRM_IOCTL_ASAHI_GET_PARAMS (§3.2), 24 bytes
 */
struct drm_asahi_get_params {
	/** @param_group: parameter group; only group 0 exists */
	__u32 param_group;

	/** @pad: MBZ */
	__u32 pad;

	/** @pointer: user pointer the parameter block is written to */
	__u64 pointer;

	/**
	 * @size: size of the buffer at @pointer; the kernel never writes past it, and a
	 * size smaller than the block is how older userspace asks for its prefix
	 */
	__u64 size;
};

/**
 * struct drm_asahi_vm_create - argument of DRM_IOCTL_ASAHI_VM_CREATE (§3.3), 24 bytes
 *
 * Userspace places the kernel's private VA range inside [vm_start, vm_end]; it must be at
 * least vm_kernel_min_size long, and userspace never binds into it (§4.3).
 */
struct drm_asahi_vm_create {
	/** @kernel_start: start of the kernel-reserved VA range */
	__u64 kernel_start;

	/** @kernel_end: end of the kernel-reserved VA range */
	__u64 kernel_end;

	/** @vm_id: out: the new VM's ID */
	__u32 vm_id;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * struct drm_asahi_vm_destroy - argument of DRM_IOCTL_ASAHI_VM_DESTROY (§3.3), 8 bytes
 */
struct drm_asahi_vm_destroy {
	/** @vm_id: the VM to destroy */
	__u32 vm_id;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * enum drm_asahi_gem_flags - flags of drm_asahi_gem_create.flags (§3.4)
 *
 * @DRM_ASAHI_GEM_WRITEBACK: map the BO write-back cached on the CPU instead of
 *	write-combined (faster CPU reads)
 * @DRM_ASAHI_GEM_VM_PRIVATE: the BO belongs to drm_asahi_gem_create.vm_id and cannot be
 *	exported
 */
enum drm_asahi_gem_flags {
	DRM_ASAHI_GEM_WRITEBACK = (1L << 0),
	DRM_ASAHI_GEM_VM_PRIVATE = (1L << 1),
};

/**
 * struct drm_asahi_gem_create - argument of DRM_IOCTL_ASAHI_GEM_CREATE (§3.4), 24 bytes
 */
struct drm_asahi_gem_create {
	/** @size: size of the BO in bytes */
	__u64 size;

	/** @flags: combination of &enum drm_asahi_gem_flags */
	__u32 flags;

	/** @vm_id: the VM owning the BO; used only with DRM_ASAHI_GEM_VM_PRIVATE */
	__u32 vm_id;

	/** @handle: out: the GEM handle */
	__u32 handle;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * struct drm_asahi_gem_mmap_offset - argument of DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET (§3.5),
 * 16 bytes
 */
struct drm_asahi_gem_mmap_offset {
	/** @handle: GEM handle */
	__u32 handle;

	/** @flags: MBZ */
	__u32 flags;

	/** @offset: out: the offset to pass to mmap() on the DRM file */
	__u64 offset;
};

/**
 * enum drm_asahi_bind_flags - flags of drm_asahi_gem_bind_op.flags (§3.6)
 *
 * @DRM_ASAHI_BIND_UNBIND: unmap the VA range instead of mapping a BO into it
 * @DRM_ASAHI_BIND_READ: map with GPU read permission
 * @DRM_ASAHI_BIND_WRITE: map with GPU write permission
 * @DRM_ASAHI_BIND_SINGLE_PAGE: map the one page of the BO at the op's offset over the
 *	whole range (scratch and zero pages for sparse)
 */
enum drm_asahi_bind_flags {
	DRM_ASAHI_BIND_UNBIND = (1L << 0),
	DRM_ASAHI_BIND_READ = (1L << 1),
	DRM_ASAHI_BIND_WRITE = (1L << 2),
	DRM_ASAHI_BIND_SINGLE_PAGE = (1L << 3),
};

/**
 * struct drm_asahi_gem_bind_op - one operation of DRM_IOCTL_ASAHI_VM_BIND (§3.6), 32 bytes
 *
 * @offset, @range and @addr are page aligned (§4.5).
 */
struct drm_asahi_gem_bind_op {
	/** @flags: combination of &enum drm_asahi_bind_flags */
	__u32 flags;

	/** @handle: GEM handle to map; ignored for DRM_ASAHI_BIND_UNBIND */
	__u32 handle;

	/**
	 * @offset: offset into the BO of the mapped region, or of the repeated page with
	 * DRM_ASAHI_BIND_SINGLE_PAGE; ignored for DRM_ASAHI_BIND_UNBIND
	 */
	__u64 offset;

	/** @range: bytes to map or unmap */
	__u64 range;

	/** @addr: GPU virtual address */
	__u64 addr;
};

/**
 * struct drm_asahi_vm_bind - argument of DRM_IOCTL_ASAHI_VM_BIND (§3.6), 24 bytes
 */
struct drm_asahi_vm_bind {
	/** @vm_id: the VM */
	__u32 vm_id;

	/** @num_binds: number of &struct drm_asahi_gem_bind_op at @userptr */
	__u32 num_binds;

	/** @stride: bytes from one op to the next (lets the op struct grow) */
	__u32 stride;

	/** @pad: MBZ */
	__u32 pad;

	/** @userptr: user pointer to the array of ops */
	__u64 userptr;
};

/**
 * enum drm_asahi_bind_object_op - drm_asahi_gem_bind_object.op (§3.7)
 *
 * @DRM_ASAHI_BIND_OBJECT_OP_BIND: register a BO range as a firmware object
 * @DRM_ASAHI_BIND_OBJECT_OP_UNBIND: release an object registered before
 */
enum drm_asahi_bind_object_op {
	DRM_ASAHI_BIND_OBJECT_OP_BIND = 0,
	DRM_ASAHI_BIND_OBJECT_OP_UNBIND = 1,
};

/**
 * enum drm_asahi_bind_object_flags - drm_asahi_gem_bind_object.flags (§3.7)
 *
 * @DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS: the object is a timestamp buffer
 */
enum drm_asahi_bind_object_flags {
	DRM_ASAHI_BIND_OBJECT_USAGE_TIMESTAMPS = (1L << 0),
};

/**
 * struct drm_asahi_gem_bind_object - argument of DRM_IOCTL_ASAHI_GEM_BIND_OBJECT (§3.7),
 * 40 bytes
 */
struct drm_asahi_gem_bind_object {
	/** @op: &enum drm_asahi_bind_object_op */
	__u32 op;

	/** @flags: combination of &enum drm_asahi_bind_object_flags */
	__u32 flags;

	/** @handle: GEM handle (BIND) */
	__u32 handle;

	/** @vm_id: MBZ for now */
	__u32 vm_id;

	/** @offset: offset into the BO (BIND) */
	__u64 offset;

	/** @range: bytes of the BO (BIND) */
	__u64 range;

	/**
	 * @object_handle: out for BIND, in for UNBIND: the object's handle, which is not a GEM
	 * handle but the value of drm_asahi_timestamp.handle
	 */
	__u32 object_handle;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * enum drm_asahi_cmd_type - drm_asahi_cmd_header.cmd_type (§3.11)
 *
 * @DRM_ASAHI_CMD_RENDER: a render pass, payload &struct drm_asahi_cmd_render
 * @DRM_ASAHI_CMD_COMPUTE: compute work, payload &struct drm_asahi_cmd_compute
 * @DRM_ASAHI_SET_VERTEX_ATTACHMENTS: &struct drm_asahi_attachment array for the vertex work
 *	of later commands of the submit
 * @DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS: the same for fragment work
 * @DRM_ASAHI_SET_COMPUTE_ATTACHMENTS: the same for compute work
 */
enum drm_asahi_cmd_type {
	DRM_ASAHI_CMD_RENDER = 0,
	DRM_ASAHI_CMD_COMPUTE = 1,
	DRM_ASAHI_SET_VERTEX_ATTACHMENTS = 2,
	DRM_ASAHI_SET_FRAGMENT_ATTACHMENTS = 3,
	DRM_ASAHI_SET_COMPUTE_ATTACHMENTS = 4,
};

/**
 * enum drm_asahi_priority - drm_asahi_queue_create.priority (§3.8)
 *
 * @DRM_ASAHI_PRIORITY_LOW: low priority
 * @DRM_ASAHI_PRIORITY_MEDIUM: medium priority
 * @DRM_ASAHI_PRIORITY_HIGH: reserved for future extension
 * @DRM_ASAHI_PRIORITY_REALTIME: reserved for future extension
 *
 * A hint passed to the firmware, which decides the policy.
 */
enum drm_asahi_priority {
	DRM_ASAHI_PRIORITY_LOW = 0,
	DRM_ASAHI_PRIORITY_MEDIUM = 1,
	DRM_ASAHI_PRIORITY_HIGH = 2,
	DRM_ASAHI_PRIORITY_REALTIME = 3,
};

/**
 * struct drm_asahi_queue_create - argument of DRM_IOCTL_ASAHI_QUEUE_CREATE (§3.8), 24 bytes
 */
struct drm_asahi_queue_create {
	/** @flags: MBZ */
	__u32 flags;

	/** @vm_id: the VM the queue's commands run in */
	__u32 vm_id;

	/** @priority: &enum drm_asahi_priority */
	__u32 priority;

	/** @queue_id: out: the new queue's ID */
	__u32 queue_id;

	/**
	 * @usc_exec_base: base of the 4 GiB VA region of the queue's shader binaries; USC
	 * addresses in commands are 32-bit offsets from it
	 */
	__u64 usc_exec_base;
};

/**
 * struct drm_asahi_queue_destroy - argument of DRM_IOCTL_ASAHI_QUEUE_DESTROY (§3.8), 8 bytes
 */
struct drm_asahi_queue_destroy {
	/** @queue_id: the queue to destroy */
	__u32 queue_id;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * enum drm_asahi_sync_type - drm_asahi_sync.sync_type (§3.9)
 *
 * @DRM_ASAHI_SYNC_SYNCOBJ: a binary syncobj
 * @DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ: a timeline syncobj point
 */
enum drm_asahi_sync_type {
	DRM_ASAHI_SYNC_SYNCOBJ = 0,
	DRM_ASAHI_SYNC_TIMELINE_SYNCOBJ = 1,
};

/**
 * struct drm_asahi_sync - a wait or a signal of a SUBMIT (§3.9), 16 bytes
 */
struct drm_asahi_sync {
	/** @sync_type: &enum drm_asahi_sync_type */
	__u32 sync_type;

	/** @handle: the syncobj handle */
	__u32 handle;

	/** @timeline_value: the timeline point; used only by timeline syncobjs */
	__u64 timeline_value;
};

/* A barrier value meaning "do not wait on this subqueue" (§3.11, §4.4). */
#define DRM_ASAHI_BARRIER_NONE (0xFFFFu)

/**
 * struct drm_asahi_cmd_header - the header of each command of a command buffer (§3.11),
 * 8 bytes, not extensible
 */
struct drm_asahi_cmd_header {
	/** @cmd_type: &enum drm_asahi_cmd_type */
	__u16 cmd_type;

	/**
	 * @size: payload bytes after the header; a hardware command's payload may be shorter
	 * than its struct (the rest reads as zero), an attachment command's is N * 24
	 */
	__u16 size;

	/**
	 * @vdm_barrier: render-subqueue barrier: 0 waits for everything of earlier submits,
	 * N waits for the N-th render command of this submit, DRM_ASAHI_BARRIER_NONE for
	 * nothing (§4.4)
	 */
	__u16 vdm_barrier;

	/** @cdm_barrier: the same for the compute subqueue */
	__u16 cdm_barrier;
};

/**
 * struct drm_asahi_submit - argument of DRM_IOCTL_ASAHI_SUBMIT (§3.10), 40 bytes
 */
struct drm_asahi_submit {
	/**
	 * @syncs: optional user pointer to in_sync_count waits followed by out_sync_count
	 * signals, each a &struct drm_asahi_sync
	 */
	__u64 syncs;

	/** @cmdbuf: user pointer to the command buffer (§3.11) */
	__u64 cmdbuf;

	/** @flags: MBZ */
	__u32 flags;

	/** @queue_id: the queue */
	__u32 queue_id;

	/** @in_sync_count: number of waits at @syncs */
	__u32 in_sync_count;

	/** @out_sync_count: number of signals after the waits */
	__u32 out_sync_count;

	/** @cmdbuf_size: bytes of the command buffer */
	__u32 cmdbuf_size;

	/** @pad: MBZ */
	__u32 pad;
};

/**
 * struct drm_asahi_attachment - memory written by a command's shaders (§3.12), 24 bytes
 */
struct drm_asahi_attachment {
	/** @pointer: base GPU address */
	__u64 pointer;

	/** @size: bytes */
	__u64 size;

	/** @pad: MBZ */
	__u32 pad;

	/** @flags: MBZ */
	__u32 flags;
};

/**
 * enum drm_asahi_render_flags - drm_asahi_cmd_render.flags (§3.14)
 *
 * @DRM_ASAHI_RENDER_VERTEX_SCRATCH: a vertex-stage shader uses scratch memory
 * @DRM_ASAHI_RENDER_PROCESS_EMPTY_TILES: process empty tiles too (needed to clear)
 * @DRM_ASAHI_RENDER_NO_VERTEX_CLUSTERING: run the vertex stage on one cluster
 * @DRM_ASAHI_RENDER_DBIAS_IS_INT: the integer depth-bias formula (the control register's
 *	bit 18)
 */
enum drm_asahi_render_flags {
	DRM_ASAHI_RENDER_VERTEX_SCRATCH = (1U << 0),
	DRM_ASAHI_RENDER_PROCESS_EMPTY_TILES = (1U << 1),
	DRM_ASAHI_RENDER_NO_VERTEX_CLUSTERING = (1U << 2),
	DRM_ASAHI_RENDER_DBIAS_IS_INT = (1U << 18),
};

/**
 * struct drm_asahi_zls_buffer - a depth or stencil buffer (§3.13), 24 bytes
 */
struct drm_asahi_zls_buffer {
	/** @base: buffer address */
	__u64 base;

	/** @comp_base: compression metadata address */
	__u64 comp_base;

	/** @stride: per-layer byte stride of the buffer */
	__u32 stride;

	/** @comp_stride: per-layer byte stride of the metadata */
	__u32 comp_stride;
};

/**
 * struct drm_asahi_timestamp - where the firmware writes one timestamp (§3.13), 8 bytes
 */
struct drm_asahi_timestamp {
	/** @handle: object handle from GEM_BIND_OBJECT, or 0 for none */
	__u32 handle;

	/** @offset: byte offset in that object */
	__u32 offset;
};

/**
 * struct drm_asahi_timestamps - a start and an end timestamp (§3.13), 16 bytes
 */
struct drm_asahi_timestamps {
	/** @start: timestamp written when the work starts */
	struct drm_asahi_timestamp start;

	/** @end: timestamp written when the work ends */
	struct drm_asahi_timestamp end;
};

/**
 * struct drm_asahi_helper_program - the scratch helper program (§3.13), 16 bytes
 */
struct drm_asahi_helper_program {
	/** @binary: tagged USC address of the program */
	__u32 binary;

	/** @cfg: configuration bits */
	__u32 cfg;

	/** @data: opaque value passed to the program (its arguments' GPU address) */
	__u64 data;
};

/**
 * struct drm_asahi_bg_eot - a background or end-of-tile program (§3.13), 8 bytes
 */
struct drm_asahi_bg_eot {
	/** @usc: tagged USC address of the program and its resource bindings */
	__u32 usc;

	/** @rsrc_spec: packed register, uniform, texture and sampler counts */
	__u32 rsrc_spec;
};

/**
 * struct drm_asahi_cmd_render - payload of DRM_ASAHI_CMD_RENDER (§3.14), 240 bytes
 *
 * Most fields are control-register values passed through to the firmware.
 */
struct drm_asahi_cmd_render {
	/** @flags: combination of &enum drm_asahi_render_flags */
	__u32 flags;

	/** @isp_zls_pixels: ISP_ZLS_PIXELS: depth/stencil width and height */
	__u32 isp_zls_pixels;

	/** @vdm_ctrl_stream_base: VDM_CTRL_STREAM_BASE: the VDM control stream */
	__u64 vdm_ctrl_stream_base;

	/** @vertex_helper: helper program of the vertex stage */
	struct drm_asahi_helper_program vertex_helper;

	/** @fragment_helper: helper program of the fragment stage */
	struct drm_asahi_helper_program fragment_helper;

	/** @isp_scissor_base: address of the scissor array */
	__u64 isp_scissor_base;

	/** @isp_dbias_base: address of the depth-bias array */
	__u64 isp_dbias_base;

	/** @isp_oclqry_base: address of the occlusion-query results */
	__u64 isp_oclqry_base;

	/** @depth: depth buffer */
	struct drm_asahi_zls_buffer depth;

	/** @stencil: stencil buffer */
	struct drm_asahi_zls_buffer stencil;

	/** @zls_ctrl: ZLS_CTRL */
	__u64 zls_ctrl;

	/** @ppp_multisamplectl: PPP_MULTISAMPLECTL */
	__u64 ppp_multisamplectl;

	/** @sampler_heap: sampler heap base, vertex and fragment */
	__u64 sampler_heap;

	/** @ppp_ctrl: PPP_CTRL */
	__u32 ppp_ctrl;

	/** @width_px: framebuffer width */
	__u16 width_px;

	/** @height_px: framebuffer height */
	__u16 height_px;

	/** @layers: number of layers */
	__u16 layers;

	/** @sampler_count: samplers in the heap */
	__u16 sampler_count;

	/** @utile_width_px: logical tile width */
	__u8 utile_width_px;

	/** @utile_height_px: logical tile height */
	__u8 utile_height_px;

	/** @samples: samples per pixel: 1, 2 or 4 */
	__u8 samples;

	/** @sample_size_B: tile-buffer bytes per sample */
	__u8 sample_size_B;

	/** @isp_merge_upper_x: float32 bits for triangle merging, x */
	__u32 isp_merge_upper_x;

	/** @isp_merge_upper_y: float32 bits for triangle merging, y */
	__u32 isp_merge_upper_y;

	/** @bg: background program */
	struct drm_asahi_bg_eot bg;

	/** @eot: end-of-tile program */
	struct drm_asahi_bg_eot eot;

	/** @partial_bg: background program when a partial render resumes */
	struct drm_asahi_bg_eot partial_bg;

	/** @partial_eot: end-of-tile program when a partial render pauses */
	struct drm_asahi_bg_eot partial_eot;

	/** @isp_bgobjdepth: depth clear value in the depth buffer's format */
	__u32 isp_bgobjdepth;

	/** @isp_bgobjvals: ISP_BGOBJVALS; the low 8 bits are the stencil clear value */
	__u32 isp_bgobjvals;

	/** @ts_vtx: timestamps of the vertex part */
	struct drm_asahi_timestamps ts_vtx;

	/** @ts_frag: timestamps of the fragment part */
	struct drm_asahi_timestamps ts_frag;
};

/**
 * struct drm_asahi_cmd_compute - payload of DRM_ASAHI_CMD_COMPUTE (§3.15), 64 bytes
 */
struct drm_asahi_cmd_compute {
	/** @flags: MBZ */
	__u32 flags;

	/** @sampler_count: samplers in the heap */
	__u32 sampler_count;

	/** @cdm_ctrl_stream_base: CDM_CTRL_STREAM_BASE: the compute control stream */
	__u64 cdm_ctrl_stream_base;

	/** @cdm_ctrl_stream_end: end of the first contiguous piece of the stream */
	__u64 cdm_ctrl_stream_end;

	/** @sampler_heap: sampler heap base */
	__u64 sampler_heap;

	/** @helper: helper program */
	struct drm_asahi_helper_program helper;

	/** @ts: start and end timestamps */
	struct drm_asahi_timestamps ts;
};

/**
 * struct drm_asahi_get_time - argument of DRM_IOCTL_ASAHI_GET_TIME (§3.16), 16 bytes
 */
struct drm_asahi_get_time {
	/** @flags: MBZ */
	__u64 flags;

	/** @gpu_timestamp: out: GPU time in nanoseconds */
	__u64 gpu_timestamp;
};

/*
 * The ioctl numbers (§2): DRM_COMMAND_BASE plus the ID, DRM_IOW where the kernel only reads
 * the struct, DRM_IOWR where it also writes it back. An enum rather than defines, as
 * upstream, so that bindgen sees them.
 */
enum {
	DRM_IOCTL_ASAHI_GET_PARAMS =
		DRM_IOW(DRM_COMMAND_BASE + DRM_ASAHI_GET_PARAMS, struct drm_asahi_get_params),
	DRM_IOCTL_ASAHI_GET_TIME =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_GET_TIME, struct drm_asahi_get_time),
	DRM_IOCTL_ASAHI_VM_CREATE =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_VM_CREATE, struct drm_asahi_vm_create),
	DRM_IOCTL_ASAHI_VM_DESTROY =
		DRM_IOW(DRM_COMMAND_BASE + DRM_ASAHI_VM_DESTROY, struct drm_asahi_vm_destroy),
	DRM_IOCTL_ASAHI_VM_BIND =
		DRM_IOW(DRM_COMMAND_BASE + DRM_ASAHI_VM_BIND, struct drm_asahi_vm_bind),
	DRM_IOCTL_ASAHI_GEM_CREATE =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_GEM_CREATE, struct drm_asahi_gem_create),
	DRM_IOCTL_ASAHI_GEM_MMAP_OFFSET =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_GEM_MMAP_OFFSET,
			 struct drm_asahi_gem_mmap_offset),
	DRM_IOCTL_ASAHI_GEM_BIND_OBJECT =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_GEM_BIND_OBJECT,
			 struct drm_asahi_gem_bind_object),
	DRM_IOCTL_ASAHI_QUEUE_CREATE =
		DRM_IOWR(DRM_COMMAND_BASE + DRM_ASAHI_QUEUE_CREATE, struct drm_asahi_queue_create),
	DRM_IOCTL_ASAHI_QUEUE_DESTROY =
		DRM_IOW(DRM_COMMAND_BASE + DRM_ASAHI_QUEUE_DESTROY, struct drm_asahi_queue_destroy),
	DRM_IOCTL_ASAHI_SUBMIT =
		DRM_IOW(DRM_COMMAND_BASE + DRM_ASAHI_SUBMIT, struct drm_asahi_submit),
};

#if defined(__cplusplus)
}
#endif

#endif /* _ASAHI_DRM_H_ */
