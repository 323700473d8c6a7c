ALTER TABLE "runs" DROP CONSTRAINT "runs_suite_run_id_suite_runs_id_fk";
--> statement-breakpoint
ALTER TABLE "results" DROP CONSTRAINT "results_run_id_runs_id_fk";
--> statement-breakpoint
DROP INDEX "runs_suite_run_chunk_idx";