-- rate-limiter-flexible's layout replaces the hand-written fixed-window counters. Old rows cannot
-- be carried over (a different meaning), so they go: this forgives at most one window or block of
-- attempts in progress at deploy time.
DROP TABLE "rate_limits";

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" BIGINT
);

-- CreateIndex
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");
