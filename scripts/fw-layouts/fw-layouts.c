// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the firmware layouts of include/agx/fw/ as JSON (results/fw-layouts.json, `make
 * fw-layouts`): for each firmware/GPU combination of the layout table (driver/fw/layouts.c,
 * compiled in), each structure with its size and the offset of every named field, from
 * sizeof/offsetof of the C structures themselves and the table's per-version data. Built
 * for the host against the kernel-type shims next to this file; the headers' static
 * assertions are checked by this build too.
 */
#include <stdio.h>
#include <string.h>
#include <agx/fw/channels.h>
#include <agx/fw/buffer.h>
#include <agx/fw/event.h>
#include <agx/fw/initdata.h>
#include <agx/fw/render.h>
#include <agx/fw/types.h>
#include <agx/fw/version.h>
#include <agx/fw/workqueue.h>

#include "../../driver/fw/layouts.c"

static int nfield;

static void st_begin(int *nst, const char *name, const char *c, const char *src, size_t size)
{
	printf("%s\n      \"%s\": { \"c\": \"%s\", ", (*nst)++ ? "," : "", name, c);
	printf("\"source\": \"%s\", \"size\": %zu, \"fields\": {", src, size);
	nfield = 0;
}

/*
 * A field's name: a DeviceControl variant's fields without the union member's name, the
 * fragment JobParameters1 fields without their C sub-structure's.
 */
static void fld(const char *name, size_t off)
{
	static const char * const variants[] = { "destroy_ctx_v12.", "destroy_ctx.",
						 "grow_ack.", "recover.", "zs.", "zls.", "tail." };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(variants); i++)
		if (!strncmp(name, variants[i], strlen(variants[i])))
			name += strlen(variants[i]);
	printf("%s \"%s\": %zu", nfield++ ? "," : "", name, off);
}

static void st_end(void)
{
	printf(" } }");
}

#define F(st, f)	fld(#f, offsetof(struct st, f))
#define FO(st, f, base)	fld(#f, (base) + offsetof(struct st, f))

static void queue_info(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "QueueInfo", "agx_fw_queue_info + agx_fw_queue_info_tail",
		 "fw/workqueue.rs QueueInfo", l->queue_info_size);
	F(agx_fw_queue_info, state); F(agx_fw_queue_info, ring);
	F(agx_fw_queue_info, notifier_list); F(agx_fw_queue_info, gpu_buf);
	F(agx_fw_queue_info, gpu_rptr1); F(agx_fw_queue_info, gpu_rptr2);
	F(agx_fw_queue_info, gpu_rptr3); F(agx_fw_queue_info, event_id);
	F(agx_fw_queue_info, priority); F(agx_fw_queue_info, unk_4c);
	F(agx_fw_queue_info, uuid); F(agx_fw_queue_info, unk_54);
	F(agx_fw_queue_info, unk_58); F(agx_fw_queue_info, busy); F(agx_fw_queue_info, __pad);
	if (l->queue_info_tail != sizeof(struct agx_fw_queue_info))
		fld("unk_84_0", sizeof(struct agx_fw_queue_info));
	FO(agx_fw_queue_info_tail, unk_84_state, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, error_count, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, unk_8c, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, unk_90, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, unk_94, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, pending, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, unk_9c, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, gpu_context, l->queue_info_tail);
	FO(agx_fw_queue_info_tail, unk_a8, l->queue_info_tail);
	if (l->queue_info_tail + sizeof(struct agx_fw_queue_info_tail) < l->queue_info_size)
		fld("unk_b0", l->queue_info_size - sizeof(u32));
	st_end();
}

static void ring_state(int *n)
{
	st_begin(n, "RingState", "agx_fw_ring_state", "fw/workqueue.rs RingState",
		 sizeof(struct agx_fw_ring_state));
	F(agx_fw_ring_state, gpu_doneptr); F(agx_fw_ring_state, unk_10);
	F(agx_fw_ring_state, unk_20); F(agx_fw_ring_state, gpu_rptr);
	F(agx_fw_ring_state, cpu_wptr); F(agx_fw_ring_state, rb_size);
	F(agx_fw_ring_state, cpu_freeptr);
	st_end();
	st_begin(n, "GpuContextData", "agx_fw_gpu_context", "fw/workqueue.rs GpuContextData",
		 sizeof(struct agx_fw_gpu_context));
	F(agx_fw_gpu_context, unk_0); F(agx_fw_gpu_context, unk_1);
	F(agx_fw_gpu_context, unk_4); F(agx_fw_gpu_context, unk_5);
	F(agx_fw_gpu_context, unk_1e); F(agx_fw_gpu_context, unk_1f);
	F(agx_fw_gpu_context, unk_23);
	st_end();
}

static void tx_channels(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "RunWorkQueueMsg", "agx_fw_run_wq_msg", "fw/channels.rs RunWorkQueueMsg",
		 l->pipe_msg_size);
	F(agx_fw_run_wq_msg, pipe_type); F(agx_fw_run_wq_msg, work_queue);
	F(agx_fw_run_wq_msg, wptr); F(agx_fw_run_wq_msg, event_slot);
	F(agx_fw_run_wq_msg, is_new);
	st_end();
	st_begin(n, "DeviceControlMsg::DestroyContext", l->devctl_dc_v13_3 ?
		 "agx_fw_devctl_destroy_ctx_v13_3" : "agx_fw_devctl_destroy_ctx_v12",
		 "fw/channels.rs DeviceControlMsg", l->devctl_msg_size);
	F(agx_fw_devctl_msg, tag);
	if (l->devctl_dc_v13_3) {
		F(agx_fw_devctl_msg, destroy_ctx.unk_4); F(agx_fw_devctl_msg, destroy_ctx.ctx_23);
		F(agx_fw_devctl_msg, destroy_ctx.unk_c); F(agx_fw_devctl_msg, destroy_ctx.unk_10);
		F(agx_fw_devctl_msg, destroy_ctx.ctx_0); F(agx_fw_devctl_msg, destroy_ctx.ctx_1);
		F(agx_fw_devctl_msg, destroy_ctx.ctx_4);
		F(agx_fw_devctl_msg, destroy_ctx.gpu_context);
	} else {
		F(agx_fw_devctl_msg, destroy_ctx_v12.unk_4);
		F(agx_fw_devctl_msg, destroy_ctx_v12.ctx_23);
		F(agx_fw_devctl_msg, destroy_ctx_v12.unk_c);
		F(agx_fw_devctl_msg, destroy_ctx_v12.unk_10);
		F(agx_fw_devctl_msg, destroy_ctx_v12.ctx_0);
		F(agx_fw_devctl_msg, destroy_ctx_v12.ctx_1);
		F(agx_fw_devctl_msg, destroy_ctx_v12.ctx_4);
		F(agx_fw_devctl_msg, destroy_ctx_v12.unk_18);
		F(agx_fw_devctl_msg, destroy_ctx_v12.gpu_context);
	}
	st_end();
	st_begin(n, "DeviceControlMsg::GrowTVBAck", "agx_fw_devctl_grow_tvb_ack",
		 "fw/channels.rs DeviceControlMsg", l->devctl_msg_size);
	F(agx_fw_devctl_msg, tag); F(agx_fw_devctl_msg, grow_ack.unk_4);
	F(agx_fw_devctl_msg, grow_ack.buffer_slot); F(agx_fw_devctl_msg, grow_ack.vm_slot);
	F(agx_fw_devctl_msg, grow_ack.counter); F(agx_fw_devctl_msg, grow_ack.subpipe);
	F(agx_fw_devctl_msg, grow_ack.halt_count);
	st_end();
	st_begin(n, "DeviceControlMsg::RecoverChannel", "agx_fw_devctl_recover_channel",
		 "fw/channels.rs DeviceControlMsg", l->devctl_msg_size);
	F(agx_fw_devctl_msg, tag); F(agx_fw_devctl_msg, recover.pipe_type);
	F(agx_fw_devctl_msg, recover.work_queue); F(agx_fw_devctl_msg, recover.event_value);
	st_end();
}

static void rx_channels(int *n)
{
	st_begin(n, "EventMsg", "agx_fw_event_msg", "fw/channels.rs EventMsg",
		 sizeof(struct agx_fw_event_msg));
	F(agx_fw_event_msg, tag); F(agx_fw_event_msg, flag.firing);
	F(agx_fw_event_msg, flag.unk_14); F(agx_fw_event_msg, timeout.counter);
	F(agx_fw_event_msg, timeout.unk_8); F(agx_fw_event_msg, timeout.event_slot);
	F(agx_fw_event_msg, grow_tvb.vm_slot); F(agx_fw_event_msg, grow_tvb.buffer_slot);
	F(agx_fw_event_msg, grow_tvb.counter); F(agx_fw_event_msg, channel_error.error_type);
	F(agx_fw_event_msg, channel_error.pipe_type);
	F(agx_fw_event_msg, channel_error.event_slot);
	F(agx_fw_event_msg, channel_error.event_value);
	st_end();
	st_begin(n, "RawFwLogMsg", "agx_fw_fwlog_msg", "fw/channels.rs RawFwLogMsg",
		 sizeof(struct agx_fw_fwlog_msg));
	F(agx_fw_fwlog_msg, msg_type); F(agx_fw_fwlog_msg, msg_index);
	st_end();
	st_begin(n, "RawFwLogPayloadMsg", "agx_fw_fwlog_payload",
		 "fw/channels.rs RawFwLogPayloadMsg", sizeof(struct agx_fw_fwlog_payload));
	F(agx_fw_fwlog_payload, msg_type); F(agx_fw_fwlog_payload, seq_no);
	F(agx_fw_fwlog_payload, timestamp); F(agx_fw_fwlog_payload, msg);
	st_end();
	st_begin(n, "FwCtlMsg", "agx_fw_fwctl_msg", "fw/channels.rs FwCtlMsg",
		 sizeof(struct agx_fw_fwctl_msg));
	F(agx_fw_fwctl_msg, addr); F(agx_fw_fwctl_msg, unk_8); F(agx_fw_fwctl_msg, slot);
	F(agx_fw_fwctl_msg, page_count); F(agx_fw_fwctl_msg, unk_12);
	st_end();
	st_begin(n, "ChannelState", "agx_fw_chan_state", "fw/channels.rs ChannelState",
		 sizeof(struct agx_fw_chan_state));
	F(agx_fw_chan_state, read_ptr); F(agx_fw_chan_state, write_ptr);
	st_end();
	st_begin(n, "FwCtlChannelState", "agx_fw_fwctl_state", "fw/channels.rs FwCtlChannelState",
		 sizeof(struct agx_fw_fwctl_state));
	F(agx_fw_fwctl_state, read_ptr); F(agx_fw_fwctl_state, write_ptr);
	st_end();
}

static void starts(int *n)
{
	st_begin(n, "StartVertex", "agx_fw_op_start_vertex", "fw/microseq.rs StartVertex",
		 sizeof(struct agx_fw_op_start_vertex));
	F(agx_fw_op_start_vertex, header); F(agx_fw_op_start_vertex, tiling_params);
	F(agx_fw_op_start_vertex, job_params1); F(agx_fw_op_start_vertex, buffer);
	F(agx_fw_op_start_vertex, scene); F(agx_fw_op_start_vertex, stats);
	F(agx_fw_op_start_vertex, work_queue); F(agx_fw_op_start_vertex, vm_slot);
	F(agx_fw_op_start_vertex, unk_38); F(agx_fw_op_start_vertex, event_generation);
	F(agx_fw_op_start_vertex, buffer_slot); F(agx_fw_op_start_vertex, unk_44);
	F(agx_fw_op_start_vertex, event_seq); F(agx_fw_op_start_vertex, unk_50);
	F(agx_fw_op_start_vertex, unk_pointer); F(agx_fw_op_start_vertex, unk_job_buf);
	F(agx_fw_op_start_vertex, unk_64); F(agx_fw_op_start_vertex, unk_68);
	F(agx_fw_op_start_vertex, uuid); F(agx_fw_op_start_vertex, attachments);
	F(agx_fw_op_start_vertex, padding); F(agx_fw_op_start_vertex, counter);
	F(agx_fw_op_start_vertex, notifier_buf); F(agx_fw_op_start_vertex, unk_178);
	st_end();
	st_begin(n, "StartFragment", "agx_fw_op_start_fragment", "fw/microseq.rs StartFragment",
		 sizeof(struct agx_fw_op_start_fragment));
	F(agx_fw_op_start_fragment, header); F(agx_fw_op_start_fragment, job_params2);
	F(agx_fw_op_start_fragment, job_params1); F(agx_fw_op_start_fragment, scene);
	F(agx_fw_op_start_fragment, stats); F(agx_fw_op_start_fragment, busy_flag);
	F(agx_fw_op_start_fragment, tvb_overflow_count);
	F(agx_fw_op_start_fragment, unk_pointer); F(agx_fw_op_start_fragment, work_queue);
	F(agx_fw_op_start_fragment, work_item); F(agx_fw_op_start_fragment, vm_slot);
	F(agx_fw_op_start_fragment, unk_50); F(agx_fw_op_start_fragment, event_generation);
	F(agx_fw_op_start_fragment, buffer_slot); F(agx_fw_op_start_fragment, sync_grow);
	F(agx_fw_op_start_fragment, event_seq); F(agx_fw_op_start_fragment, unk_68);
	F(agx_fw_op_start_fragment, unk_758_flag); F(agx_fw_op_start_fragment, unk_job_buf);
	F(agx_fw_op_start_fragment, unk_7c_0); F(agx_fw_op_start_fragment, unk_7c);
	F(agx_fw_op_start_fragment, unk_80); F(agx_fw_op_start_fragment, unk_84);
	F(agx_fw_op_start_fragment, uuid); F(agx_fw_op_start_fragment, attachments);
	F(agx_fw_op_start_fragment, padding); F(agx_fw_op_start_fragment, counter);
	F(agx_fw_op_start_fragment, notifier_buf);
	st_end();
	st_begin(n, "StartCompute", "agx_fw_op_start_compute", "fw/microseq.rs StartCompute",
		 sizeof(struct agx_fw_op_start_compute));
	F(agx_fw_op_start_compute, header); F(agx_fw_op_start_compute, unk_pointer);
	F(agx_fw_op_start_compute, job_params1); F(agx_fw_op_start_compute, stats);
	F(agx_fw_op_start_compute, work_queue); F(agx_fw_op_start_compute, vm_slot);
	F(agx_fw_op_start_compute, unk_28); F(agx_fw_op_start_compute, event_generation);
	F(agx_fw_op_start_compute, event_seq); F(agx_fw_op_start_compute, unk_38);
	F(agx_fw_op_start_compute, job_params2); F(agx_fw_op_start_compute, unk_44);
	F(agx_fw_op_start_compute, uuid); F(agx_fw_op_start_compute, attachments);
	F(agx_fw_op_start_compute, padding); F(agx_fw_op_start_compute, unk_flag);
	F(agx_fw_op_start_compute, counter); F(agx_fw_op_start_compute, notifier_buf);
	st_end();
}

static void finalizes(int *n)
{
	st_begin(n, "Timestamp", "agx_fw_op_timestamp", "fw/microseq.rs Timestamp",
		 sizeof(struct agx_fw_op_timestamp));
	F(agx_fw_op_timestamp, header); F(agx_fw_op_timestamp, cur_ts);
	F(agx_fw_op_timestamp, start_ts); F(agx_fw_op_timestamp, update_ts);
	F(agx_fw_op_timestamp, work_queue); F(agx_fw_op_timestamp, unk_24);
	F(agx_fw_op_timestamp, unk_ts); F(agx_fw_op_timestamp, uuid);
	F(agx_fw_op_timestamp, unk_30_padding);
	st_end();
	st_begin(n, "FinalizeVertex", "agx_fw_op_finalize_vertex", "fw/microseq.rs FinalizeVertex",
		 sizeof(struct agx_fw_op_finalize_vertex));
	F(agx_fw_op_finalize_vertex, header); F(agx_fw_op_finalize_vertex, scene);
	F(agx_fw_op_finalize_vertex, buffer); F(agx_fw_op_finalize_vertex, stats);
	F(agx_fw_op_finalize_vertex, work_queue); F(agx_fw_op_finalize_vertex, vm_slot);
	F(agx_fw_op_finalize_vertex, uuid); F(agx_fw_op_finalize_vertex, fw_stamp);
	F(agx_fw_op_finalize_vertex, stamp_value);
	F(agx_fw_op_finalize_vertex, restart_branch_offset);
	F(agx_fw_op_finalize_vertex, has_attachments); F(agx_fw_op_finalize_vertex, unk_74);
	st_end();
	st_begin(n, "FinalizeFragment", "agx_fw_op_finalize_fragment",
		 "fw/microseq.rs FinalizeFragment", sizeof(struct agx_fw_op_finalize_fragment));
	F(agx_fw_op_finalize_fragment, header); F(agx_fw_op_finalize_fragment, uuid);
	F(agx_fw_op_finalize_fragment, fw_stamp); F(agx_fw_op_finalize_fragment, stamp_value);
	F(agx_fw_op_finalize_fragment, scene); F(agx_fw_op_finalize_fragment, buffer);
	F(agx_fw_op_finalize_fragment, stats); F(agx_fw_op_finalize_fragment, work_queue);
	F(agx_fw_op_finalize_fragment, work_item); F(agx_fw_op_finalize_fragment, vm_slot);
	F(agx_fw_op_finalize_fragment, unk_6c_0);
	F(agx_fw_op_finalize_fragment, restart_branch_offset);
	F(agx_fw_op_finalize_fragment, has_attachments); F(agx_fw_op_finalize_fragment, unk_9c);
	st_end();
	st_begin(n, "FinalizeCompute", "agx_fw_op_finalize_compute",
		 "fw/microseq.rs FinalizeCompute", sizeof(struct agx_fw_op_finalize_compute));
	F(agx_fw_op_finalize_compute, header); F(agx_fw_op_finalize_compute, stats);
	F(agx_fw_op_finalize_compute, work_queue); F(agx_fw_op_finalize_compute, vm_slot);
	F(agx_fw_op_finalize_compute, job_params2); F(agx_fw_op_finalize_compute, uuid);
	F(agx_fw_op_finalize_compute, fw_stamp); F(agx_fw_op_finalize_compute, stamp_value);
	F(agx_fw_op_finalize_compute, restart_branch_offset);
	F(agx_fw_op_finalize_compute, has_attachments);
	F(agx_fw_op_finalize_compute, unk_flag);
	st_end();
	st_begin(n, "Attachment", "agx_fw_attachment", "fw/microseq.rs Attachment",
		 sizeof(struct agx_fw_attachment));
	F(agx_fw_attachment, address); F(agx_fw_attachment, size);
	F(agx_fw_attachment, unk_c); F(agx_fw_attachment, unk_e);
	st_end();
}

static void job_meta(int *n)
{
	st_begin(n, "JobMeta", "agx_fw_job_meta", "fw/job.rs JobMeta",
		 sizeof(struct agx_fw_job_meta));
	F(agx_fw_job_meta, unk_0); F(agx_fw_job_meta, unk_2);
	F(agx_fw_job_meta, no_preemption); F(agx_fw_job_meta, stamp);
	F(agx_fw_job_meta, fw_stamp); F(agx_fw_job_meta, stamp_value);
	F(agx_fw_job_meta, stamp_slot); F(agx_fw_job_meta, evctl_index);
	F(agx_fw_job_meta, flush_stamps); F(agx_fw_job_meta, uuid);
	F(agx_fw_job_meta, event_seq);
	st_end();
	st_begin(n, "EncoderParams", "agx_fw_encoder_params", "fw/job.rs EncoderParams",
		 sizeof(struct agx_fw_encoder_params));
	F(agx_fw_encoder_params, unk_8); F(agx_fw_encoder_params, sync_grow);
	F(agx_fw_encoder_params, unk_10); F(agx_fw_encoder_params, encoder_id);
	F(agx_fw_encoder_params, unk_18); F(agx_fw_encoder_params, unk_mask);
	F(agx_fw_encoder_params, sampler_array); F(agx_fw_encoder_params, sampler_count);
	F(agx_fw_encoder_params, sampler_max);
	st_end();
}

static void compute_params(int *n)
{
	st_begin(n, "compute::JobParameters1", "agx_fw_compute_params1",
		 "fw/compute.rs JobParameters1", sizeof(struct agx_fw_compute_params1));
	F(agx_fw_compute_params1, preempt_buf1);
	F(agx_fw_compute_params1, cdm_ctrl_stream_base);
	F(agx_fw_compute_params1, preempt_buf2); F(agx_fw_compute_params1, preempt_buf3);
	F(agx_fw_compute_params1, preempt_buf4); F(agx_fw_compute_params1, preempt_buf5);
	F(agx_fw_compute_params1, pipeline_base); F(agx_fw_compute_params1, unk_38);
	F(agx_fw_compute_params1, helper_program); F(agx_fw_compute_params1, unk_44);
	F(agx_fw_compute_params1, helper_arg); F(agx_fw_compute_params1, helper_cfg);
	F(agx_fw_compute_params1, unk_54); F(agx_fw_compute_params1, unk_58);
	F(agx_fw_compute_params1, unk_5c); F(agx_fw_compute_params1, iogpu_unk_40);
	st_end();
	st_begin(n, "compute::JobParameters2", "agx_fw_compute_params2",
		 "fw/compute.rs JobParameters2", sizeof(struct agx_fw_compute_params2));
	F(agx_fw_compute_params2, unk_0_0); F(agx_fw_compute_params2, unk_0);
	F(agx_fw_compute_params2, preempt_buf1); F(agx_fw_compute_params2, encoder_end);
	F(agx_fw_compute_params2, unk_34); F(agx_fw_compute_params2, unk_g14x);
	F(agx_fw_compute_params2, unk_58);
	st_end();
}

static void notifier(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "Notifier", "agx_fw_notifier", "fw/event.rs Notifier", l->notifier_size);
	F(agx_fw_notifier, threshold); F(agx_fw_notifier, generation);
	F(agx_fw_notifier, cur_count); F(agx_fw_notifier, unk_10);
	F(agx_fw_notifier, state.unk_14); F(agx_fw_notifier, state.unk_18);
	F(agx_fw_notifier, state.unk_20); F(agx_fw_notifier, state.vm_slot);
	F(agx_fw_notifier, state.has_vtx); F(agx_fw_notifier, state.pstamp_vtx);
	F(agx_fw_notifier, state.has_frag); F(agx_fw_notifier, state.pstamp_frag);
	F(agx_fw_notifier, state.has_comp); F(agx_fw_notifier, state.pstamp_comp);
	F(agx_fw_notifier, state.in_list); F(agx_fw_notifier, state.list_head);
	if (l->notifier_size >= sizeof(struct agx_fw_notifier))
		F(agx_fw_notifier, state.unk_buf);
	st_end();
	st_begin(n, "NotifierList", "agx_fw_notifier_list", "fw/event.rs NotifierList",
		 sizeof(struct agx_fw_notifier_list));
	F(agx_fw_notifier_list, list_head.prev); F(agx_fw_notifier_list, list_head.next);
	F(agx_fw_notifier_list, unkptr_10);
	st_end();
}

static void barrier(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "Barrier", "agx_fw_cmd_barrier", "fw/workqueue.rs Barrier", l->barrier_size);
	F(agx_fw_cmd_barrier, tag); F(agx_fw_cmd_barrier, wait_stamp);
	F(agx_fw_cmd_barrier, wait_value); F(agx_fw_cmd_barrier, wait_slot);
	F(agx_fw_cmd_barrier, stamp_self); F(agx_fw_cmd_barrier, uuid);
	F(agx_fw_cmd_barrier, external_barrier); F(agx_fw_cmd_barrier, internal_barrier_type);
	F(agx_fw_cmd_barrier, padding);
	st_end();
}

static void run_compute(int *n)
{
	st_begin(n, "RunCompute", "agx_fw_run_compute", "fw/compute.rs RunCompute",
		 sizeof(struct agx_fw_run_compute));
	F(agx_fw_run_compute, tag); F(agx_fw_run_compute, counter);
	F(agx_fw_run_compute, unk_4); F(agx_fw_run_compute, vm_slot);
	F(agx_fw_run_compute, notifier); F(agx_fw_run_compute, unk_pointee);
	F(agx_fw_run_compute, job_params1); F(agx_fw_run_compute, microsequence);
	F(agx_fw_run_compute, microsequence_size); F(agx_fw_run_compute, job_params2);
	F(agx_fw_run_compute, encoder_params); F(agx_fw_run_compute, meta);
	F(agx_fw_run_compute, cur_ts); F(agx_fw_run_compute, start_ts);
	F(agx_fw_run_compute, end_ts); F(agx_fw_run_compute, unk_2c0);
	F(agx_fw_run_compute, unk_2c4); F(agx_fw_run_compute, unk_2c8);
	F(agx_fw_run_compute, unk_2cc); F(agx_fw_run_compute, client_sequence);
	F(agx_fw_run_compute, unk_2d4); F(agx_fw_run_compute, unk_2d8);
	F(agx_fw_run_compute, context_store_req); F(agx_fw_run_compute, context_store_compl);
	F(agx_fw_run_compute, unk_2e9); F(agx_fw_run_compute, unk_flag);
	F(agx_fw_run_compute, unk_pad);
	st_end();
}

/* The render commands' sub-structures that are the same on every entry. */
static void render_parts(int *n)
{
	st_begin(n, "TilingParameters", "agx_fw_tiling_params", "fw/vertex.rs TilingParameters",
		 sizeof(struct agx_fw_tiling_params));
	F(agx_fw_tiling_params, rgn_size); F(agx_fw_tiling_params, unk_4);
	F(agx_fw_tiling_params, ppp_ctrl); F(agx_fw_tiling_params, x_max);
	F(agx_fw_tiling_params, y_max); F(agx_fw_tiling_params, te_screen);
	F(agx_fw_tiling_params, te_mtile1); F(agx_fw_tiling_params, te_mtile2);
	F(agx_fw_tiling_params, tiles_per_mtile); F(agx_fw_tiling_params, tpc_stride);
	F(agx_fw_tiling_params, unk_24); F(agx_fw_tiling_params, unk_28);
	F(agx_fw_tiling_params, helper_cfg); F(agx_fw_tiling_params, __pad);
	st_end();
	st_begin(n, "vertex::JobParameters2", "agx_fw_vertex_params2",
		 "fw/vertex.rs JobParameters2", sizeof(struct agx_fw_vertex_params2));
	F(agx_fw_vertex_params2, unk_480); F(agx_fw_vertex_params2, unk_498);
	F(agx_fw_vertex_params2, unk_4a0); F(agx_fw_vertex_params2, preempt_buf1);
	F(agx_fw_vertex_params2, unk_4ac); F(agx_fw_vertex_params2, unk_4b0);
	F(agx_fw_vertex_params2, unk_4b8); F(agx_fw_vertex_params2, unk_4bc);
	F(agx_fw_vertex_params2, unk_4c4_padding); F(agx_fw_vertex_params2, unk_50c);
	F(agx_fw_vertex_params2, unk_510); F(agx_fw_vertex_params2, unk_518);
	F(agx_fw_vertex_params2, unk_520);
	st_end();
	st_begin(n, "fragment::JobParameters2", "agx_fw_frag_params2",
		 "fw/fragment.rs JobParameters2", sizeof(struct agx_fw_frag_params2));
	F(agx_fw_frag_params2, eot_rsrc_spec); F(agx_fw_frag_params2, eot_usc);
	F(agx_fw_frag_params2, unk_8); F(agx_fw_frag_params2, unk_c);
	F(agx_fw_frag_params2, isp_merge_upper_x);
	F(agx_fw_frag_params2, isp_merge_upper_y); F(agx_fw_frag_params2, unk_18);
	F(agx_fw_frag_params2, utiles_per_mtile_y);
	F(agx_fw_frag_params2, utiles_per_mtile_x); F(agx_fw_frag_params2, unk_24);
	F(agx_fw_frag_params2, tile_counts); F(agx_fw_frag_params2, tib_blocks);
	F(agx_fw_frag_params2, isp_bgobjdepth); F(agx_fw_frag_params2, isp_bgobjvals);
	F(agx_fw_frag_params2, unk_38); F(agx_fw_frag_params2, unk_3c);
	F(agx_fw_frag_params2, helper_cfg); F(agx_fw_frag_params2, __pad);
	st_end();
	st_begin(n, "fragment::JobParameters3", "agx_fw_frag_params3",
		 "fw/fragment.rs JobParameters3", sizeof(struct agx_fw_frag_params3));
	F(agx_fw_frag_params3, isp_dbias_base); F(agx_fw_frag_params3, isp_scissor_base);
	F(agx_fw_frag_params3, isp_oclqry_base); F(agx_fw_frag_params3, unk_118);
	F(agx_fw_frag_params3, unk_120); F(agx_fw_frag_params3, unk_partial_bg);
	F(agx_fw_frag_params3, unk_258); F(agx_fw_frag_params3, unk_260);
	F(agx_fw_frag_params3, unk_268); F(agx_fw_frag_params3, unk_270);
	F(agx_fw_frag_params3, partial_bg); F(agx_fw_frag_params3, zls_ctrl);
	F(agx_fw_frag_params3, unk_290); F(agx_fw_frag_params3, z_load);
	F(agx_fw_frag_params3, z_partial_stride);
	F(agx_fw_frag_params3, z_partial_comp_stride); F(agx_fw_frag_params3, z_store);
	F(agx_fw_frag_params3, z_partial); F(agx_fw_frag_params3, z_partial_comp);
	F(agx_fw_frag_params3, s_load); F(agx_fw_frag_params3, s_partial_stride);
	F(agx_fw_frag_params3, s_partial_comp_stride); F(agx_fw_frag_params3, s_store);
	F(agx_fw_frag_params3, s_partial); F(agx_fw_frag_params3, s_partial_comp);
	F(agx_fw_frag_params3, unk_2f8); F(agx_fw_frag_params3, tib_blocks);
	F(agx_fw_frag_params3, unk_30c); F(agx_fw_frag_params3, aux_fb_info);
	F(agx_fw_frag_params3, tile_config); F(agx_fw_frag_params3, unk_328_padding);
	F(agx_fw_frag_params3, unk_partial_eot); F(agx_fw_frag_params3, partial_eot);
	F(agx_fw_frag_params3, isp_bgobjdepth); F(agx_fw_frag_params3, isp_bgobjvals);
	F(agx_fw_frag_params3, sample_size); F(agx_fw_frag_params3, unk_37c);
	F(agx_fw_frag_params3, unk_380); F(agx_fw_frag_params3, unk_388);
	F(agx_fw_frag_params3, unk_390_0); F(agx_fw_frag_params3, isp_zls_pixels);
	st_end();
}

/* RunVertex JobParameters1 in the layout's form. */
static void vertex_params1(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "vertex::JobParameters1", l->render_g14 ? "agx_fw_vertex_params1_g14" :
		 "agx_fw_vertex_params1_g13", "fw/vertex.rs JobParameters1",
		 sizeof(struct agx_fw_vertex_params1_g13));
	if (l->render_g14) {
		F(agx_fw_vertex_params1_g14, unk_0); F(agx_fw_vertex_params1_g14, unk_8);
		F(agx_fw_vertex_params1_g14, unk_c); F(agx_fw_vertex_params1_g14, tvb_tilemap);
		F(agx_fw_vertex_params1_g14, tpc); F(agx_fw_vertex_params1_g14, tvb_heapmeta);
		F(agx_fw_vertex_params1_g14, iogpu_unk_54);
		F(agx_fw_vertex_params1_g14, iogpu_unk_56);
		F(agx_fw_vertex_params1_g14, utile_config); F(agx_fw_vertex_params1_g14, unk_4c);
		F(agx_fw_vertex_params1_g14, ppp_multisamplectl);
		F(agx_fw_vertex_params1_g14, tvb_layermeta);
		F(agx_fw_vertex_params1_g14, preempt_buf1);
		F(agx_fw_vertex_params1_g14, preempt_buf2); F(agx_fw_vertex_params1_g14, unk_80);
		F(agx_fw_vertex_params1_g14, preempt_buf3);
		F(agx_fw_vertex_params1_g14, vdm_ctrl_stream_base);
		F(agx_fw_vertex_params1_g14, unk_b0);
		F(agx_fw_vertex_params1_g14, usc_exec_base_ta);
		F(agx_fw_vertex_params1_g14, unk_f8); F(agx_fw_vertex_params1_g14, helper_program);
		F(agx_fw_vertex_params1_g14, unk_104); F(agx_fw_vertex_params1_g14, helper_arg);
		F(agx_fw_vertex_params1_g14, unk_110); F(agx_fw_vertex_params1_g14, unk_118);
		F(agx_fw_vertex_params1_g14, __pad);
		st_end();
		return;
	}
	F(agx_fw_vertex_params1_g13, unk_0); F(agx_fw_vertex_params1_g13, unk_8);
	F(agx_fw_vertex_params1_g13, unk_c); F(agx_fw_vertex_params1_g13, tvb_tilemap);
	F(agx_fw_vertex_params1_g13, tvb_cluster_tilemaps);
	F(agx_fw_vertex_params1_g13, tpc); F(agx_fw_vertex_params1_g13, tvb_heapmeta);
	F(agx_fw_vertex_params1_g13, iogpu_unk_54);
	F(agx_fw_vertex_params1_g13, iogpu_unk_56);
	F(agx_fw_vertex_params1_g13, tvb_cluster_meta1);
	F(agx_fw_vertex_params1_g13, utile_config); F(agx_fw_vertex_params1_g13, unk_4c);
	F(agx_fw_vertex_params1_g13, ppp_multisamplectl);
	F(agx_fw_vertex_params1_g13, tvb_layermeta);
	F(agx_fw_vertex_params1_g13, tvb_cluster_layermeta);
	F(agx_fw_vertex_params1_g13, core_mask);
	F(agx_fw_vertex_params1_g13, preempt_buf1);
	F(agx_fw_vertex_params1_g13, preempt_buf2); F(agx_fw_vertex_params1_g13, unk_80);
	F(agx_fw_vertex_params1_g13, preempt_buf3);
	F(agx_fw_vertex_params1_g13, vdm_ctrl_stream_base);
	F(agx_fw_vertex_params1_g13, tvb_cluster_meta2);
	F(agx_fw_vertex_params1_g13, tvb_cluster_meta3);
	F(agx_fw_vertex_params1_g13, tiling_control); F(agx_fw_vertex_params1_g13, unk_ac);
	F(agx_fw_vertex_params1_g13, unk_b0);
	F(agx_fw_vertex_params1_g13, usc_exec_base_ta);
	F(agx_fw_vertex_params1_g13, tvb_cluster_meta4);
	F(agx_fw_vertex_params1_g13, unk_f0); F(agx_fw_vertex_params1_g13, unk_f8);
	F(agx_fw_vertex_params1_g13, helper_program);
	F(agx_fw_vertex_params1_g13, unk_104); F(agx_fw_vertex_params1_g13, helper_arg);
	F(agx_fw_vertex_params1_g13, unk_110); F(agx_fw_vertex_params1_g13, unk_118);
	F(agx_fw_vertex_params1_g13, __pad);
	st_end();
}

/* RunFragment JobParameters1 in the layout's form. */
static void frag_params1(int *n, const struct agx_fw_layout *l)
{
	st_begin(n, "fragment::JobParameters1", l->render_g14 ? "agx_fw_frag_params1_g14" :
		 "agx_fw_frag_params1_g13", "fw/fragment.rs JobParameters1",
		 sizeof(struct agx_fw_frag_params1_g13));
	if (l->render_g14) {
		F(agx_fw_frag_params1_g14, utile_config); F(agx_fw_frag_params1_g14, unk_4);
		F(agx_fw_frag_params1_g14, bg.rsrc_spec); F(agx_fw_frag_params1_g14, bg.address);
		F(agx_fw_frag_params1_g14, ppp_multisamplectl);
		F(agx_fw_frag_params1_g14, isp_scissor_base);
		F(agx_fw_frag_params1_g14, isp_dbias_base);
		F(agx_fw_frag_params1_g14, aux_fb_info.isp_ctl);
		F(agx_fw_frag_params1_g14, aux_fb_info.unk2);
		F(agx_fw_frag_params1_g14, aux_fb_info.width);
		F(agx_fw_frag_params1_g14, aux_fb_info.height);
		F(agx_fw_frag_params1_g14, aux_fb_info.unk3);
		F(agx_fw_frag_params1_g14, isp_zls_pixels);
		F(agx_fw_frag_params1_g14, isp_oclqry_base); F(agx_fw_frag_params1_g14, zls_ctrl);
		F(agx_fw_frag_params1_g14, unk_58_g14_0); F(agx_fw_frag_params1_g14, unk_58_g14_8);
		F(agx_fw_frag_params1_g14, zs.z_load); F(agx_fw_frag_params1_g14, zs.z_store);
		F(agx_fw_frag_params1_g14, zs.s_load); F(agx_fw_frag_params1_g14, zs.s_store);
		F(agx_fw_frag_params1_g14, unk_68_g14_0);
		F(agx_fw_frag_params1_g14, zls.z_load_stride);
		F(agx_fw_frag_params1_g14, zls.z_store_stride);
		F(agx_fw_frag_params1_g14, zls.s_load_stride);
		F(agx_fw_frag_params1_g14, zls.s_store_stride);
		F(agx_fw_frag_params1_g14, zls.z_load_comp);
		F(agx_fw_frag_params1_g14, zls.z_load_comp_stride);
		F(agx_fw_frag_params1_g14, zls.z_store_comp);
		F(agx_fw_frag_params1_g14, zls.z_store_comp_stride);
		F(agx_fw_frag_params1_g14, zls.s_load_comp);
		F(agx_fw_frag_params1_g14, zls.s_load_comp_stride);
		F(agx_fw_frag_params1_g14, zls.s_store_comp);
		F(agx_fw_frag_params1_g14, zls.s_store_comp_stride);
		F(agx_fw_frag_params1_g14, tail.tvb_tilemap);
		F(agx_fw_frag_params1_g14, tail.tvb_layermeta);
		F(agx_fw_frag_params1_g14, tail.mtile_stride_dwords);
		F(agx_fw_frag_params1_g14, tail.tvb_heapmeta);
		F(agx_fw_frag_params1_g14, tail.tile_config);
		F(agx_fw_frag_params1_g14, tail.aux_fb); F(agx_fw_frag_params1_g14, tail.unk_108);
		F(agx_fw_frag_params1_g14, tail.usc_exec_base_isp);
		F(agx_fw_frag_params1_g14, tail.unk_140);
		F(agx_fw_frag_params1_g14, tail.helper_program);
		F(agx_fw_frag_params1_g14, tail.unk_14c);
		F(agx_fw_frag_params1_g14, tail.helper_arg);
		F(agx_fw_frag_params1_g14, tail.unk_158); F(agx_fw_frag_params1_g14, tail.unk_160);
		F(agx_fw_frag_params1_g14, __pad);
		st_end();
		return;
	}
	F(agx_fw_frag_params1_g13, utile_config); F(agx_fw_frag_params1_g13, unk_4);
	F(agx_fw_frag_params1_g13, bg.rsrc_spec); F(agx_fw_frag_params1_g13, bg.address);
	F(agx_fw_frag_params1_g13, ppp_multisamplectl);
	F(agx_fw_frag_params1_g13, isp_scissor_base);
	F(agx_fw_frag_params1_g13, isp_dbias_base);
	F(agx_fw_frag_params1_g13, aux_fb_info.isp_ctl);
	F(agx_fw_frag_params1_g13, aux_fb_info.unk2);
	F(agx_fw_frag_params1_g13, aux_fb_info.width);
	F(agx_fw_frag_params1_g13, aux_fb_info.height);
	F(agx_fw_frag_params1_g13, aux_fb_info.unk3);
	F(agx_fw_frag_params1_g13, isp_zls_pixels);
	F(agx_fw_frag_params1_g13, isp_oclqry_base); F(agx_fw_frag_params1_g13, zls_ctrl);
	F(agx_fw_frag_params1_g13, zs.z_load); F(agx_fw_frag_params1_g13, zs.z_store);
	F(agx_fw_frag_params1_g13, zs.s_load); F(agx_fw_frag_params1_g13, zs.s_store);
	F(agx_fw_frag_params1_g13, zls.z_load_stride);
	F(agx_fw_frag_params1_g13, zls.z_store_stride);
	F(agx_fw_frag_params1_g13, zls.s_load_stride);
	F(agx_fw_frag_params1_g13, zls.s_store_stride);
	F(agx_fw_frag_params1_g13, zls.z_load_comp);
	F(agx_fw_frag_params1_g13, zls.z_load_comp_stride);
	F(agx_fw_frag_params1_g13, zls.z_store_comp);
	F(agx_fw_frag_params1_g13, zls.z_store_comp_stride);
	F(agx_fw_frag_params1_g13, zls.s_load_comp);
	F(agx_fw_frag_params1_g13, zls.s_load_comp_stride);
	F(agx_fw_frag_params1_g13, zls.s_store_comp);
	F(agx_fw_frag_params1_g13, zls.s_store_comp_stride);
	F(agx_fw_frag_params1_g13, tail.tvb_tilemap);
	F(agx_fw_frag_params1_g13, tail.tvb_layermeta);
	F(agx_fw_frag_params1_g13, tail.mtile_stride_dwords);
	F(agx_fw_frag_params1_g13, tail.tvb_heapmeta);
	F(agx_fw_frag_params1_g13, tail.tile_config);
	F(agx_fw_frag_params1_g13, tail.aux_fb); F(agx_fw_frag_params1_g13, tail.unk_108);
	F(agx_fw_frag_params1_g13, tail.usc_exec_base_isp);
	F(agx_fw_frag_params1_g13, tail.unk_140);
	F(agx_fw_frag_params1_g13, tail.helper_program);
	F(agx_fw_frag_params1_g13, tail.unk_14c);
	F(agx_fw_frag_params1_g13, tail.helper_arg);
	F(agx_fw_frag_params1_g13, tail.unk_158); F(agx_fw_frag_params1_g13, tail.unk_160);
	F(agx_fw_frag_params1_g13, __pad);
	st_end();
}

static void run_vertex(int *n)
{
	st_begin(n, "RunVertex", "agx_fw_run_vertex", "fw/vertex.rs RunVertex",
		 sizeof(struct agx_fw_run_vertex));
	F(agx_fw_run_vertex, tag); F(agx_fw_run_vertex, counter);
	F(agx_fw_run_vertex, vm_slot); F(agx_fw_run_vertex, unk_8);
	F(agx_fw_run_vertex, notifier); F(agx_fw_run_vertex, buffer_slot);
	F(agx_fw_run_vertex, unk_1c); F(agx_fw_run_vertex, buffer);
	F(agx_fw_run_vertex, scene); F(agx_fw_run_vertex, unk_buffer_buf);
	F(agx_fw_run_vertex, unk_34); F(agx_fw_run_vertex, tiling_params);
	F(agx_fw_run_vertex, tpc); F(agx_fw_run_vertex, tpc_size);
	F(agx_fw_run_vertex, microsequence); F(agx_fw_run_vertex, microsequence_size);
	F(agx_fw_run_vertex, fragment_stamp_slot);
	F(agx_fw_run_vertex, fragment_stamp_value); F(agx_fw_run_vertex, unk_pointee);
	F(agx_fw_run_vertex, unk_pad); F(agx_fw_run_vertex, job_params2);
	F(agx_fw_run_vertex, encoder_params); F(agx_fw_run_vertex, unk_55c);
	F(agx_fw_run_vertex, unk_560); F(agx_fw_run_vertex, sync_grow);
	F(agx_fw_run_vertex, unk_568); F(agx_fw_run_vertex, uses_scratch);
	F(agx_fw_run_vertex, meta); F(agx_fw_run_vertex, unk_after_meta);
	F(agx_fw_run_vertex, unk_buf_0); F(agx_fw_run_vertex, unk_buf_8);
	F(agx_fw_run_vertex, unk_buf_10); F(agx_fw_run_vertex, cur_ts);
	F(agx_fw_run_vertex, start_ts); F(agx_fw_run_vertex, end_ts);
	F(agx_fw_run_vertex, unk_5c4); F(agx_fw_run_vertex, unk_5c8);
	F(agx_fw_run_vertex, unk_5cc); F(agx_fw_run_vertex, unk_5d0);
	F(agx_fw_run_vertex, client_sequence); F(agx_fw_run_vertex, pad_5d5);
	F(agx_fw_run_vertex, unk_5d8); F(agx_fw_run_vertex, unk_5dc);
	F(agx_fw_run_vertex, unk_ts); F(agx_fw_run_vertex, unk_5dd_8);
	st_end();
}

static void run_fragment(int *n)
{
	st_begin(n, "RunFragment", "agx_fw_run_fragment", "fw/fragment.rs RunFragment",
		 sizeof(struct agx_fw_run_fragment));
	F(agx_fw_run_fragment, tag); F(agx_fw_run_fragment, counter);
	F(agx_fw_run_fragment, vm_slot); F(agx_fw_run_fragment, unk_8);
	F(agx_fw_run_fragment, microsequence); F(agx_fw_run_fragment, microsequence_size);
	F(agx_fw_run_fragment, notifier); F(agx_fw_run_fragment, buffer);
	F(agx_fw_run_fragment, scene); F(agx_fw_run_fragment, unk_buffer_buf);
	F(agx_fw_run_fragment, tvb_tilemap); F(agx_fw_run_fragment, ppp_multisamplectl);
	F(agx_fw_run_fragment, samples); F(agx_fw_run_fragment, tiles_per_mtile_y);
	F(agx_fw_run_fragment, tiles_per_mtile_x); F(agx_fw_run_fragment, unk_50);
	F(agx_fw_run_fragment, unk_58); F(agx_fw_run_fragment, isp_merge_upper_x);
	F(agx_fw_run_fragment, isp_merge_upper_y); F(agx_fw_run_fragment, unk_68);
	F(agx_fw_run_fragment, tile_count); F(agx_fw_run_fragment, job_params2);
	F(agx_fw_run_fragment, job_params3); F(agx_fw_run_fragment, unk_758_flag);
	F(agx_fw_run_fragment, unk_75c_flag); F(agx_fw_run_fragment, unk_buf);
	F(agx_fw_run_fragment, busy_flag); F(agx_fw_run_fragment, tvb_overflow_count);
	F(agx_fw_run_fragment, unk_878); F(agx_fw_run_fragment, encoder_params);
	F(agx_fw_run_fragment, process_empty_tiles);
	F(agx_fw_run_fragment, no_clear_pipeline_textures);
	F(agx_fw_run_fragment, msaa_zs); F(agx_fw_run_fragment, unk_pointee);
	F(agx_fw_run_fragment, unk_v13_3); F(agx_fw_run_fragment, meta);
	F(agx_fw_run_fragment, unk_after_meta); F(agx_fw_run_fragment, unk_buf_0);
	F(agx_fw_run_fragment, unk_buf_8); F(agx_fw_run_fragment, unk_buf_10);
	F(agx_fw_run_fragment, cur_ts); F(agx_fw_run_fragment, start_ts);
	F(agx_fw_run_fragment, end_ts); F(agx_fw_run_fragment, unk_914);
	F(agx_fw_run_fragment, unk_918); F(agx_fw_run_fragment, unk_920);
	F(agx_fw_run_fragment, client_sequence); F(agx_fw_run_fragment, pad_925);
	F(agx_fw_run_fragment, unk_928); F(agx_fw_run_fragment, unk_92c);
	F(agx_fw_run_fragment, unk_ts); F(agx_fw_run_fragment, unk_92d_8);
	st_end();
}

/* The buffer manager's structures (<agx/fw/buffer.h>, built by driver/fw/buffer.c). */
static void buffer_manager(int *n)
{
	st_begin(n, "buffer::BlockControl", "agx_fw_bm_block_control", "fw/buffer.rs BlockControl",
		 sizeof(struct agx_fw_bm_block_control));
	F(agx_fw_bm_block_control, total); F(agx_fw_bm_block_control, wptr);
	F(agx_fw_bm_block_control, unk); F(agx_fw_bm_block_control, pad);
	st_end();
	st_begin(n, "buffer::Counter", "agx_fw_bm_counter", "fw/buffer.rs Counter",
		 sizeof(struct agx_fw_bm_counter));
	F(agx_fw_bm_counter, count); F(agx_fw_bm_counter, __pad);
	st_end();
	st_begin(n, "buffer::Stats", "agx_fw_bm_stats", "fw/buffer.rs Stats",
		 sizeof(struct agx_fw_bm_stats));
	F(agx_fw_bm_stats, max_pages); F(agx_fw_bm_stats, max_b);
	F(agx_fw_bm_stats, overflow_count); F(agx_fw_bm_stats, gpu_c);
	F(agx_fw_bm_stats, __pad0); F(agx_fw_bm_stats, reset); F(agx_fw_bm_stats, __pad1);
	st_end();
	st_begin(n, "buffer::Info", "agx_fw_bm_info", "fw/buffer.rs Info",
		 sizeof(struct agx_fw_bm_info));
	F(agx_fw_bm_info, gpu_counter); F(agx_fw_bm_info, unk_4);
	F(agx_fw_bm_info, last_id); F(agx_fw_bm_info, cur_id); F(agx_fw_bm_info, unk_10);
	F(agx_fw_bm_info, gpu_counter2); F(agx_fw_bm_info, unk_18);
	F(agx_fw_bm_info, page_list); F(agx_fw_bm_info, page_list_size);
	F(agx_fw_bm_info, page_count); F(agx_fw_bm_info, max_blocks);
	F(agx_fw_bm_info, block_count); F(agx_fw_bm_info, unk_38);
	F(agx_fw_bm_info, block_list); F(agx_fw_bm_info, block_ctl);
	F(agx_fw_bm_info, last_page); F(agx_fw_bm_info, gpu_page_ptr1);
	F(agx_fw_bm_info, gpu_page_ptr2); F(agx_fw_bm_info, unk_58);
	F(agx_fw_bm_info, block_size); F(agx_fw_bm_info, unk_60);
	F(agx_fw_bm_info, counter); F(agx_fw_bm_info, unk_70); F(agx_fw_bm_info, unk_74);
	F(agx_fw_bm_info, unk_78); F(agx_fw_bm_info, unk_7c); F(agx_fw_bm_info, unk_80);
	F(agx_fw_bm_info, max_pages); F(agx_fw_bm_info, max_pages_nomemless);
	F(agx_fw_bm_info, unk_8c); F(agx_fw_bm_info, unk_90);
	st_end();
	st_begin(n, "buffer::Scene", "agx_fw_bm_scene", "fw/buffer.rs Scene",
		 sizeof(struct agx_fw_bm_scene));
	F(agx_fw_bm_scene, pass_page_count); F(agx_fw_bm_scene, unk_4);
	F(agx_fw_bm_scene, unk_8); F(agx_fw_bm_scene, unk_10);
	F(agx_fw_bm_scene, user_buffer); F(agx_fw_bm_scene, unk_20);
	F(agx_fw_bm_scene, unk_28); F(agx_fw_bm_scene, stats);
	F(agx_fw_bm_scene, total_page_count); F(agx_fw_bm_scene, unk_30);
	F(agx_fw_bm_scene, unk_38);
	st_end();
	st_begin(n, "InitBuffer", "agx_fw_cmd_init_buffer", "fw/buffer.rs InitBuffer",
		 sizeof(struct agx_fw_cmd_init_buffer));
	F(agx_fw_cmd_init_buffer, tag); F(agx_fw_cmd_init_buffer, vm_slot);
	F(agx_fw_cmd_init_buffer, buffer_slot); F(agx_fw_cmd_init_buffer, unk_c);
	F(agx_fw_cmd_init_buffer, block_count); F(agx_fw_cmd_init_buffer, buffer);
	F(agx_fw_cmd_init_buffer, stamp_value);
	st_end();
}

static const char note[] =
	"bytes, from include/agx/fw/ and driver/fw/layouts.c; microseq and Run*: 13.3+";

#include "fw-initdata-fields.h"	/* results/, names-check.py --emit */

int main(void)
{
	unsigned int i;

	printf("{\n  \"note\": \"%s\",\n  \"versions\": {", note);
	for (i = 0; i < ARRAY_SIZE(agx_fw_layouts); i++) {
		const struct agx_fw_layout *l = &agx_fw_layouts[i];
		int n = 0;

		printf("%s\n    \"%s\": {\n      \"gen\": %d, \"version\": \"%u.%u.%u\"",
		       i ? "," : "", l->name, l->gen, l->version >> 16, (l->version >> 8) & 0xff,
		       l->version & 0xff);
		printf(", \"real\": %s", l->real ? "true" : "false");
		n = 1;	/* the "gen" line comes first */
		ring_state(&n);
		queue_info(&n, l);
		tx_channels(&n, l);
		rx_channels(&n);
		starts(&n);
		finalizes(&n);
		job_meta(&n);
		compute_params(&n);
		run_compute(&n);
		vertex_params1(&n, l);
		frag_params1(&n, l);
		render_parts(&n);
		run_vertex(&n);
		run_fragment(&n);
		buffer_manager(&n);
		notifier(&n, l);
		barrier(&n, l);
		initdata_structs(&n);
		printf("\n    }");
	}
	printf("\n  }\n}\n");
	return 0;
}
