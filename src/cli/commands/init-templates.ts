/** The files `burnrate init` writes into a team's repository. */

export const EXAMPLE_DEFINITION = `import { defineSlos } from 'burnrate';

// One file per service. \`npx burnrate validate\` checks it; \`npx burnrate generate\` writes alerts/ and dashboards/.
export default defineSlos({
  service: 'example',
  team: 'my-team',
  runbookUrl: 'https://runbooks.example.com/example',
  slos: {
    availability: {
      description: 'Example API requests complete without a server error.',
      objective: 99.9,
      window: '30d',
      sli: {
        kind: 'ratio',
        errors: 'http_requests_total{job="example",code=~"5.."}',
        total: 'http_requests_total{job="example"}',
      },
    },
  },
});
`;

export const CI_WORKFLOW = `# Burnrate in pull requests: fails when a definition is invalid or a generated file is stale
# (run \`npx burnrate generate\` and commit the result). Burnrate's docs/ci.md adds a pull-request comment
# that describes the SLO changes (\`burnrate diff\`).
name: SLOs

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  slos:
    name: SLO definitions and generated files
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4.2.2
      - uses: actions/setup-node@v4.1.0
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: Type-check the definitions
        run: npx tsc --noEmit
      - name: Validate the definitions
        run: npx burnrate validate
      - name: Fail on stale, missing or extra generated files
        run: npx burnrate check
`;

export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ['slo-definitions/**/*.ts'],
  },
  null,
  2,
)}\n`;
