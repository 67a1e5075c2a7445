import { databaseProvider, db } from "@/lib/db";
import { jsonError, jsonOk } from "@/lib/http/json";
import { logger } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const database = databaseProvider();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    logger.error("health: database unreachable", { database, error });
    return jsonError(503, "database_unreachable", `The ${database} database is not reachable.`);
  }
  return jsonOk({ status: "ok", database });
}
