-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "lastUsedIp" TEXT,
ADD COLUMN     "revokedReason" TEXT,
ADD COLUMN     "useCount" INTEGER NOT NULL DEFAULT 0;

