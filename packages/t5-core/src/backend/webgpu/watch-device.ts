// Listens to a WebGPU device for the faults it reports asynchronously: loss (driver reset, device removed,
// destroy()) and uncaptured errors (out of memory, a program or buffer it rejected).
import { DeviceFaultError, reportDeviceFault } from '../device-health.js';

/** The slice of `GPUDevice` watched here. */
export interface WatchableDevice {
  lost: Promise<{ reason?: string; message?: string }>;
  addEventListener(
    type: 'uncapturederror',
    listener: (event: { error?: { message?: string } }) => void,
  ): void;
}

/** Turns the device's loss and uncaptured errors into a recorded {@link DeviceFaultError}. */
export function watchWebGpuDevice(device: WatchableDevice): void {
  void device.lost.then((info) => {
    const why = [info.reason, info.message].filter(Boolean).join(': ');
    reportDeviceFault(new DeviceFaultError('lost', `WebGPU device lost${why ? ` (${why})` : ''}`), 'webgpu');
  });
  device.addEventListener('uncapturederror', (event) => {
    const error = event.error;
    const message = (error?.message ?? 'unknown error').split('\n')[0];
    const outOfMemory = error?.constructor?.name === 'GPUOutOfMemoryError' || /out of memory/i.test(message);
    reportDeviceFault(
      outOfMemory
        ? new DeviceFaultError('out-of-memory', `GPU out of memory: ${message}`)
        : new DeviceFaultError('validation', `WebGPU rejected a GPU operation: ${message}`),
      'webgpu',
    );
  });
}
