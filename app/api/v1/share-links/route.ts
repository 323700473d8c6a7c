import { route } from "@/lib/http/route";
import { listShareLinks } from "@/lib/share/service";

// GET /api/v1/share-links — every share link of the project (without tokens)
export const GET = route({ scope: "read" }, ({ ctx }) => listShareLinks({ ctx }));
