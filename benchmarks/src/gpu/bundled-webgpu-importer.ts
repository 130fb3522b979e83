// selectBackend's importer for the single-file GPU bundles: literal imports, so esbuild carries
// tfjs-backend-webgpu inside the bundle (evaluated only once navigator.gpu exists) and leaves `webgpu` (dawn.node)
// to the node_modules folder beside it.
export function bundledWebGpuImporter(name: string): Promise<unknown> {
  if (name === 'webgpu') return import('webgpu');
  if (name === '@tensorflow/tfjs-backend-webgpu') return import('@tensorflow/tfjs-backend-webgpu');
  return import(name);
}
