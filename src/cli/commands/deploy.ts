/**
 * `seifer-lab deploy --kubernetes`: manifests that run a plan on a real K3s/Kubernetes cluster (docs/design.md,
 * "Deploying to Kubernetes"). The plan comes from `seifer-lab plan --json`, or is made here with `best`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { kubernetesManifests, SERVER_NAME } from '../../deploy/kubernetes';
import { podMemory } from '../../deploy/memory';
import { kubernetesNodeNames } from '../../deploy/node-map';
import { type DeployStage, readDeployPlan } from '../../deploy/plan-file';
import { errors } from '../../errors';
import { type Cluster, isInfeasible, plan, type Profile } from '../../planner/index';
import { newSessionCode } from '../../server/codes';
import { flagOption, type ParsedArgs, parseCommandArgs, stringOption } from '../args';
import type { CliIO, Command } from '../command';
import { readProfile } from './plan';
import { readJson } from '../json-file';

const usage = 'seifer-lab deploy --kubernetes (--plan PLAN.json | (--model <zoo|file.onnx> | --profile P.json) --cluster C.json) --out DIR ' + '[--node-map MAP.json] [--image IMAGE] [--namespace NS]';

const options = {
  kubernetes: { type: 'boolean' },
  plan: { type: 'string' },
  model: { type: 'string' },
  profile: { type: 'string' },
  'input-shape': { type: 'string' },
  cluster: { type: 'string' },
  out: { type: 'string' },
  'node-map': { type: 'string' },
  image: { type: 'string' },
  namespace: { type: 'string' },
} as const;

export const DEFAULT_IMAGE = 'seifer-lab:0.1.0';
/** Files this command writes; only these may be replaced in an existing --out folder. */
const GENERATED = /^\d\d-[a-z0-9-]+\.yaml$/;

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'Write Kubernetes (K3s) manifests that run a plan on real machines: session server plus one pod per stage.',
  usage,
  async run(argv, io) {
    const args = parseCommandArgs(argv, options, usage);
    if (!flagOption(args, 'kubernetes')) throw errors.badArguments('Name the target: --kubernetes (the only one so far)', usage);
    if (args.positionals.length > 0) throw errors.badArguments(`deploy takes no arguments, got '${args.positionals.join(' ')}'`, usage);
    const out = stringOption(args, 'out');
    if (!out) throw errors.badOption('--out', '(missing)', 'a folder for the manifests');
    const namespace = stringOption(args, 'namespace') ?? 'seifer-lab';
    if (namespace.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace))
      throw errors.badOption('--namespace', namespace, "a name of lower-case letters, digits and '-', at most 63 characters");
    const image = stringOption(args, 'image') ?? DEFAULT_IMAGE;
    if (!/^[\w./:@-]{1,255}$/.test(image)) throw errors.badOption('--image', image, 'an image reference such as registry.local:5000/seifer-lab:0.1.0');

    const stages = await planStages(args, io);
    const mapFile = stringOption(args, 'node-map');
    const nodeNames = kubernetesNodeNames(
      stages.map((s) => s.node),
      mapFile === undefined ? undefined : readJson(mapFile, '--node-map'),
      mapFile,
    );
    const manifests = kubernetesManifests({ namespace, image, sessionCode: newSessionCode((n) => randomBytes(n)), stages, nodeNames });

    prepareFolder(out);
    for (const { file, object } of manifests) writeFileSync(join(out, file), stringify(object.toJSON()));
    io.out(summary(out, namespace, stages, nodeNames, manifests.length));
    return 0;
  },
};

async function planStages(args: ParsedArgs, io: CliIO): Promise<DeployStage[]> {
  const planFile = stringOption(args, 'plan');
  const planning = ['model', 'profile', 'cluster'].filter((k) => stringOption(args, k) !== undefined);
  if (planFile !== undefined) {
    if (planning.length > 0) throw errors.badOption('--plan', planFile, `either --plan or --model/--profile with --cluster, not both (also given: --${planning.join(', --')})`);
    return readDeployPlan(readJson(planFile, '--plan'));
  }
  const clusterFile = stringOption(args, 'cluster');
  if (clusterFile === undefined) throw errors.badOption('--plan', '(missing)', `--plan PLAN.json, or --model M (or --profile P.json) with --cluster C.json; usage: ${usage}`);
  const cluster = readJson(clusterFile, '--cluster') as Cluster;
  const profile = (await readProfile(args, io)) as Profile;
  const outcome = plan(profile, cluster, { algorithm: 'best' });
  if (isInfeasible(outcome)) throw errors.badPlan('the cluster', `cannot hold the model: ${outcome.reason}`);
  return readDeployPlan(outcome);
}

/** Creates the folder, or clears manifests an earlier run wrote there; refuses a folder holding other files. */
function prepareFolder(out: string): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw errors.badOption('--out', out, 'a folder (this is a file)');
    const foreign = readdirSync(out).filter((name) => !GENERATED.test(name));
    if (foreign.length > 0) throw errors.badOption('--out', out, `an empty folder or one with only manifests of an earlier deploy (it holds ${foreign.slice(0, 3).join(', ')})`);
    for (const name of readdirSync(out)) rmSync(join(out, name));
  }
  mkdirSync(out, { recursive: true });
}

function summary(out: string, namespace: string, stages: DeployStage[], nodeNames: Map<string, string>, files: number): string {
  const rows = stages.map((s, i) => {
    const memory = podMemory(s.memoryBytes);
    return `  stage ${i}  ${s.node.padEnd(12)} -> ${nodeNames.get(s.node)!.padEnd(20)} blocks ${`${s.firstBlock}..${s.lastBlock}`.padEnd(8)} memory request ${memory.requestMiB} MiB, limit ${memory.limitMiB} MiB`;
  });
  return [
    `wrote ${files} manifests to ${out} (namespace ${namespace}):`,
    ...rows,
    '',
    `apply:  kubectl apply -f ${out}`,
    `watch:  kubectl get pods -n ${namespace} -o wide`,
    `open:   kubectl port-forward -n ${namespace} svc/${SERVER_NAME} 8080:8080, then kubectl logs -n ${namespace} deploy/${SERVER_NAME} for the host link`,
  ].join('\n');
}
