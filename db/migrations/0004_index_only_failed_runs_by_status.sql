DROP INDEX "runs_suite_run_status_idx";--> statement-breakpoint
CREATE INDEX "runs_suite_run_problem_idx" ON "runs" USING btree ("suite_run_id","id") WHERE status in ('failed', 'error');