/**
 * Kubernetes manifests for a plan (docs/design.md, "Deploying to Kubernetes"): a namespace, a Secret with the
 * session code, the session server (Deployment + Service), and one Deployment per stage pinned to its machine with
 * nodeSelector on kubernetes.io/hostname, running `seifer-lab node --join` against the server's Service.
 * Objects are typed kubernetes-models and each is validated against the Kubernetes schema before it is returned.
 */
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { SESSION_CODE_ENV } from '../server/urls';
import { mebibytes, podMemory } from './memory';
import type { DeployStage } from './plan-file';

export const SERVER_NAME = 'seifer-lab-server';
export const SECRET_NAME = 'seifer-lab-session';
export const SERVER_PORT = 8080;
const APP = 'seifer-lab';

export interface ManifestOptions {
  namespace: string;
  image: string;
  /** The session every node pod joins; it goes into a Secret, never into a Deployment. */
  sessionCode: string;
  stages: DeployStage[];
  /** Plan node id -> Kubernetes node name. */
  nodeNames: Map<string, string>;
}

export interface Manifest {
  /** The file name, ordered so that `kubectl apply -f DIR` creates the namespace first. */
  file: string;
  object: Namespace | Secret | Deployment | Service;
}

/** The URL node pods join: the server's Service DNS name; Kubernetes fills in $(VAR) from the container's env. */
export function serviceJoinUrl(namespace: string): string {
  return `http://${SERVER_NAME}.${namespace}.svc.cluster.local:${SERVER_PORT}/#join=$(${SESSION_CODE_ENV})`;
}

export function kubernetesManifests(options: ManifestOptions): Manifest[] {
  const { namespace } = options;
  const manifests: Manifest[] = [
    { file: '00-namespace.yaml', object: new Namespace({ metadata: { name: namespace, labels: labels('namespace') } }) },
    {
      file: '01-session-secret.yaml',
      object: new Secret({ metadata: { name: SECRET_NAME, namespace, labels: labels('session') }, type: 'Opaque', stringData: { code: options.sessionCode } }),
    },
    { file: '02-server-deployment.yaml', object: deployment(options, SERVER_NAME, labels('server'), serverContainer(options.image), undefined) },
    {
      file: '03-server-service.yaml',
      object: new Service({
        metadata: { name: SERVER_NAME, namespace, labels: labels('server') },
        spec: { type: 'ClusterIP', selector: labels('server'), ports: [{ name: 'http', port: SERVER_PORT, targetPort: 'http', protocol: 'TCP' }] },
      }),
    },
    ...options.stages.map((stage, index) => {
      const name = `seifer-stage-${index}`;
      const container = nodeContainer(options.image, namespace, stage);
      const object = deployment(options, name, { ...labels('node'), 'seifer-lab/stage': String(index) }, container, options.nodeNames.get(stage.node)!, {
        'seifer-lab/cluster-node': stage.node,
        'seifer-lab/blocks': `${stage.firstBlock}-${stage.lastBlock}`,
        'seifer-lab/stage-memory-bytes': String(stage.memoryBytes),
      });
      return { file: `${String(10 + index).padStart(2, '0')}-${name}.yaml`, object };
    }),
  ];
  for (const { object } of manifests) object.validate();
  return manifests;
}

function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': APP, 'app.kubernetes.io/component': component };
}

function deployment(options: ManifestOptions, name: string, podLabels: Record<string, string>, container: IContainer, nodeName: string | undefined, annotations?: Record<string, string>): Deployment {
  return new Deployment({
    metadata: { name, namespace: options.namespace, labels: podLabels, annotations },
    spec: {
      replicas: 1,
      // one process per role: a second copy during a rollout would be a second member or a second session
      strategy: { type: 'Recreate' },
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels, annotations },
        spec: {
          ...(nodeName ? { nodeSelector: { 'kubernetes.io/hostname': nodeName } } : {}),
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
        },
      },
    },
  });
}

const containerSecurity = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const sessionCodeEnv = [{ name: SESSION_CODE_ENV, valueFrom: { secretKeyRef: { name: SECRET_NAME, key: 'code' } } }];

function serverContainer(image: string): IContainer {
  return {
    name: 'server',
    image,
    imagePullPolicy: 'IfNotPresent',
    args: ['serve', '--host', '0.0.0.0', '--port', String(SERVER_PORT)],
    env: sessionCodeEnv,
    ports: [{ name: 'http', containerPort: SERVER_PORT, protocol: 'TCP' }],
    readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
    livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 20 },
    resources: { requests: { memory: '128Mi', cpu: '100m' }, limits: { memory: '512Mi' } },
    securityContext: containerSecurity,
  };
}

function nodeContainer(image: string, namespace: string, stage: DeployStage): IContainer {
  const memory = podMemory(stage.memoryBytes);
  return {
    name: 'node',
    image,
    imagePullPolicy: 'IfNotPresent',
    args: ['node', '--join', serviceJoinUrl(namespace), '--name', stage.node],
    env: sessionCodeEnv,
    resources: { requests: { memory: mebibytes(memory.requestMiB) }, limits: { memory: mebibytes(memory.limitMiB) } },
    securityContext: containerSecurity,
  };
}
