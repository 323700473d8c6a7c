import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.ASSAY_ENCRYPTION_KEY ??= "test-encryption-key-0123456789abcdef";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
process.env.ASSAY_SCHEDULES ??= "off"; // suites left by other tests must not fire on their crons
