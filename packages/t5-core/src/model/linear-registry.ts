import { ModelUsageError, ShapeError } from '../errors/t5-core-error.js';
import type { LinearLayer } from './contracts.js';

/**
 * Every projection of the model by HF module name. Layers look their projections up here on each call, so
 * `setLinear` (LoRA, NF4) takes effect without rebuilding anything.
 */
export class LinearRegistry {
  private readonly layers = new Map<string, LinearLayer>();

  add(path: string, layer: LinearLayer): void {
    if (this.layers.has(path)) throw new ModelUsageError(`linear "${path}" registered twice`);
    this.layers.set(path, layer);
  }

  get(path: string): LinearLayer {
    const layer = this.layers.get(path);
    if (layer === undefined) {
      throw new ModelUsageError(
        `no linear layer "${path}" (e.g. ${[...this.layers.keys()].slice(0, 3).join(', ')}, ...)`,
      );
    }
    return layer;
  }

  /** Replaces a projection; the new layer must have the same in/out widths. Returns the layer it replaced. */
  set(path: string, layer: LinearLayer): LinearLayer {
    const old = this.get(path);
    if (layer.inFeatures !== old.inFeatures || layer.outFeatures !== old.outFeatures) {
      throw new ShapeError(
        `setLinear("${path}"): expected in=${old.inFeatures} out=${old.outFeatures}, found in=${layer.inFeatures} out=${layer.outFeatures}`,
      );
    }
    this.layers.set(path, layer);
    return old;
  }

  entries(): IterableIterator<[string, LinearLayer]> {
    return this.layers.entries();
  }
}
