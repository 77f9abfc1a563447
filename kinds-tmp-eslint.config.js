import tseslint from "typescript-eslint";
export default tseslint.config(
  { ignores: ["node_modules/**", "server/**", "test/**", "bench/**", "**/*.js"] },
  { files: ["src/**/*.ts"], languageOptions: { parser: tseslint.parser, parserOptions: { project: "./tsconfig.json", tsconfigRootDir: "/work/wt-kinds" } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: { "@typescript-eslint/no-unnecessary-condition": "error" } },
);
