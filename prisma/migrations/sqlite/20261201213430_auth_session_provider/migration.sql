-- AlterTable
ALTER TABLE "auth_sessions" ADD COLUMN "provider" TEXT;

