/* The job queue's surface (docs/jobs.md). */
export { createJobs, enqueue, type EnqueueOptions, type JobContext, type JobHandler, type Jobs, type JobsDeps, type Schedule } from './queue.js';
