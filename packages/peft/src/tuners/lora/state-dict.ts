// LoRA's adapter_model.safetensors ⇄ its layers under PEFT's saved key names:
// `base_model.model.<module>.lora_A.weight` [r, in] and `...lora_B.weight` [out, r].
import type { SafeTensor, TensorToSave } from '@t5sql/t5-core';
import * as tf from '@tensorflow/tfjs-core';
import { AdapterFileError } from '../../errors.js';
import { type LoraLinear, denseWeight } from './layer.js';

/** PEFT's saved key for a LoRA matrix of a module. */
export function loraKey(path: string, which: 'A' | 'B'): string {
  return `base_model.model.${path}.lora_${which}.weight`;
}

/** The tensors PEFT's `get_peft_model_state_dict` would save for these LoRA layers. */
export async function loraStateDict(layers: Map<string, LoraLinear>): Promise<Map<string, TensorToSave>> {
  const out = new Map<string, TensorToSave>();
  for (const [path, layer] of layers) {
    out.set(loraKey(path, 'A'), {
      shape: [...layer.loraA.shape],
      data: Float32Array.from(await layer.loraA.data()),
    });
    out.set(loraKey(path, 'B'), {
      shape: [...layer.loraB.shape],
      data: Float32Array.from(await layer.loraB.data()),
    });
  }
  return out;
}

/**
 * Assigns saved LoRA matrices to the layers. Every expected key must be present with its exact shape, and the
 * file may hold no other key: errors ({@link AdapterFileError}) name the file, the key and both shapes.
 */
export function loadLoraStateDict(
  layers: Map<string, LoraLinear>,
  tensors: Map<string, SafeTensor>,
  source: string,
): void {
  const expected = new Set<string>();
  for (const [path, layer] of layers) {
    for (const [which, variable] of [
      ['A', layer.loraA],
      ['B', layer.loraB],
    ] as const) {
      const key = loraKey(path, which);
      expected.add(key);
      const t = tensors.get(key);
      if (t === undefined) {
        throw new AdapterFileError(source, `${source}: missing tensor "${key}" (shape [${variable.shape}])`, {
          key,
        });
      }
      if (t.shape.length !== variable.rank || t.shape.some((d, i) => d !== variable.shape[i])) {
        throw new AdapterFileError(
          source,
          `${source}: tensor "${key}" expected shape [${variable.shape}], found [${t.shape}]`,
          { key },
        );
      }
      tf.tidy(() => variable.assign(tf.tensor(t.data, variable.shape)));
    }
  }
  // PEFT's save_embedding_layers="auto" also saves the base weight of a targeted output layer (lm_head) as
  // `base_model.model.<module>.base_layer.weight` [out, in]; load it into the base layer, as PEFT does.
  for (const [path, layer] of layers) {
    const key = `base_model.model.${path}.base_layer.weight`;
    const t = tensors.get(key);
    if (t === undefined) continue;
    const w = denseWeight(layer.base);
    if (w === undefined) {
      throw new AdapterFileError(
        source,
        `${source}: tensor "${key}" targets a base layer (${layer.base.constructor.name}) that has no float32 weight`,
        { key },
      );
    }
    if (t.shape.length !== 2 || t.shape[0] !== layer.outFeatures || t.shape[1] !== layer.inFeatures) {
      throw new AdapterFileError(
        source,
        `${source}: tensor "${key}" expected shape [${layer.outFeatures},${layer.inFeatures}], found [${t.shape}]`,
        { key },
      );
    }
    tf.tidy(() => w.assign(tf.transpose(tf.tensor2d(t.data, [layer.outFeatures, layer.inFeatures])))); // kept [in, out]
    expected.add(key);
  }
  const unexpected = [...tensors.keys()].filter((k) => !expected.has(k));
  if (unexpected.length > 0) {
    throw new AdapterFileError(
      source,
      `${source}: unexpected tensors ${unexpected
        .slice(0, 5)
        .map((k) => `"${k}"`)
        .join(', ')} (not adapted by this config)`,
      { key: unexpected[0] },
    );
  }
}
