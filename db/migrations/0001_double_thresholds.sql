ALTER TABLE "suites" ALTER COLUMN "pass_threshold" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "suites" ALTER COLUMN "pass_threshold" SET DEFAULT 1;--> statement-breakpoint
ALTER TABLE "suite_runs" ALTER COLUMN "pass_threshold" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "suite_runs" ALTER COLUMN "pass_threshold" SET DEFAULT 1;--> statement-breakpoint
ALTER TABLE "results" ALTER COLUMN "score" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "results" ALTER COLUMN "threshold" SET DATA TYPE double precision;