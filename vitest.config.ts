// The e-invoice tests against the official rules run last: the stylesheets they need are compiled in the
// background while the other tests run (test/einvoice/global-setup.ts).

import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const last = (file: TestSpecification) => file.moduleId.endsWith('/test/einvoice/standards.test.ts');

class StandardsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

export default defineConfig({
  test: {
    // The end-to-end tests spawn flis several times each; on a loaded machine 5 s (the default) is too short.
    // A timeout is no speed target: those are measured in bench/.
    testTimeout: 60_000,
    globalSetup: ['test/einvoice/global-setup.ts'],
    sequence: { sequencer: StandardsLast },
  },
});
