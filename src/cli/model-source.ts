/** Turns a CLI model argument (zoo name or .onnx path) into a decoded or generated model. Node only. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errors } from '../errors';
import { decodeModel, encodeModel, type Model } from '../model/index';
import { findZooEntry, zoo, type ZooEntry } from '../model/zoo/index';
import type { CliIO } from './command';

export interface LoadedModel {
  name: string;
  model: Model;
  entry?: ZooEntry;
  /** Encoded lazily: generated models only need bytes when onnxruntime runs them whole. */
  bytes(): Uint8Array;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadModelArg(arg: string, io: CliIO, seed = 1): LoadedModel {
  const entry = findZooEntry(arg);
  if (entry?.kind === 'generated' && entry.build) {
    const label = `generating ${entry.name}`;
    const model = entry.build({ seed, onProgress: (f) => io.progress(label, f) });
    io.progress(label, 1);
    let bytes: Uint8Array | undefined;
    return { name: entry.name, model, entry, bytes: () => (bytes ??= encodeModel(model)) };
  }
  const path = entry?.file ? zooFilePath(entry.file) : resolve(arg);
  if (!existsSync(path) || statSync(path).isDirectory()) {
    if (entry)
      throw errors.noSuchModel(
        `${arg} (${path} is missing: run npm install, which copies the PaddleOCR models)`,
        zoo.map((e) => e.name),
      );
    throw errors.noSuchModel(
      arg,
      zoo.map((e) => e.name),
    );
  }
  const bytes = new Uint8Array(readFileSync(path));
  return { name: entry?.name ?? arg, model: decodeModel(bytes, arg), entry, bytes: () => bytes };
}

function zooFilePath(file: string): string {
  const copied = join(root, 'public', 'models', file);
  return copied;
}
