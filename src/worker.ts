/** A worker thread of the batch pool: lints one file's bytes per task. */
import { lintPlanBytes, type Outcome, type TaskOptions } from './batch.js';

export default function lintTask(task: { name: string; bytes: Uint8Array; options: TaskOptions }): Promise<Outcome> {
  return lintPlanBytes(task.name, task.bytes, task.options);
}
