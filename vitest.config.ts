import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The end-to-end tests spawn flis several times each; on a loaded machine 5 s (the default) is too short.
    // A timeout is no speed target: those are measured in bench/.
    testTimeout: 60_000,
  },
});
