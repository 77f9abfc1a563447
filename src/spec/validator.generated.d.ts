// The type of validator.generated.js, which `npm run gen` writes as plain JavaScript (no type stripping at startup).
import type { ValidateFunction } from "ajv";

export declare const validate: ValidateFunction;
export default validate;
