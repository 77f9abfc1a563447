/** What plans, logs and status show in place of a credential (a builder's desired value, a driver's observed one). */
export const sensitiveValue = "(sensitive)";
