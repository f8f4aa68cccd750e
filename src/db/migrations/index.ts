/** Every migration, oldest first. Listed explicitly (no glob) so compiled and test runs load the same ones. */
import { InitialSchema1764400000000 } from "./1764400000000-initial-schema";

export const migrations = [InitialSchema1764400000000];
