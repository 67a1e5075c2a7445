import { HttpError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Every /api/... path that matches no route: a JSON 404, never Next's HTML page. */
const notFound = route("unknown api path", async () => {
  throw new HttpError(404, "not_found", "There is no API endpoint at this path.");
});

export { notFound as DELETE, notFound as GET, notFound as HEAD, notFound as OPTIONS };
export { notFound as PATCH, notFound as POST, notFound as PUT };
