-- CreateIndex
CREATE INDEX "server_sessions_idleExpiresAt_idx" ON "server_sessions"("idleExpiresAt");

-- CreateIndex
CREATE INDEX "server_sessions_revokedAt_idx" ON "server_sessions"("revokedAt");

-- CreateIndex
CREATE INDEX "auth_sessions_expires_idx" ON "auth_sessions"("expires");

-- CreateIndex
CREATE INDEX "audit_events_createdAt_idx" ON "audit_events"("createdAt");

