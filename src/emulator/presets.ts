/**
 * Device presets: sustained compute speed and memory of common edge devices.
 * A stage's emulated compute time is its FLOPs / (gflops x 10^9) s, so `gflops` is a sustained figure, not a peak.
 * HPL (Linpack) figures are double precision on the CPU; float32 DNN kernels run at least as fast, so they are a
 * conservative stand-in. Sources are given per preset.
 */
export interface DevicePreset {
  id: string;
  title: string;
  gflops: number;
  memoryBytes: number;
  source: string;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

export const DEVICE_PRESETS: readonly DevicePreset[] = [
  {
    id: 'pi1',
    title: 'Raspberry Pi 1 Model B',
    gflops: 0.27,
    memoryBytes: 512 * MiB,
    source: 'HPL with OpenBLAS, 0.267 GFLOPS (raspi.madavi.de, July 2015)',
  },
  {
    id: 'esp32-s3',
    title: 'ESP32-S3 microcontroller (8 MB PSRAM)',
    gflops: 0.12,
    memoryBytes: 8 * MiB,
    source:
      'Float multiply-add at 240 MHz: 476 M/s per core (WLED issue #4206, benchmark from esp32.com/viewtopic.php?p=82090), about 0.95 GFLOPS for both cores; derated to an eighth for CNN kernels that stream weights from PSRAM. Boards such as the ESP32-S3-DevKitC-1 N8R8 carry 8 MB of PSRAM',
  },
  {
    id: 'pi4',
    title: 'Raspberry Pi 4 (4 GB)',
    gflops: 8,
    memoryBytes: 4 * GiB,
    source: 'HPL on Raspberry Pi OS 64-bit, about 8 GFLOPS (W. Feiereisen, "Benchmarking the Raspberry Pi 4", March 2022)',
  },
  {
    id: 'jetson-nano',
    title: 'NVIDIA Jetson Nano (GPU)',
    gflops: 118,
    memoryBytes: 4 * GiB,
    source:
      'NVIDIA Jetson Nano module: 472 GFLOPS FP16 peak (128 Maxwell cores); derated to a quarter for sustained CNN inference. Its CPU alone runs HPL at 3.85 GFLOPS (kreier.github.io/benchmark/LinpackDP)',
  },
  {
    id: 'phone',
    title: 'Smartphone (2021 flagship, CPU)',
    gflops: 40,
    memoryBytes: 2 * GiB,
    source: 'Estimate: 4 big Cortex-A78-class cores x 2.4 GHz x 16 FP32 FLOP/cycle (two 128-bit NEON FMA pipes) = 154 GFLOPS peak, derated to a quarter; 2 GB left to one app',
  },
  {
    id: 'laptop',
    title: 'Laptop (Core i7-6820HQ)',
    gflops: 100,
    memoryBytes: 16 * GiB,
    source: 'HPL (Phoronix test suite), 100.0 GFLOPS on an HP zBook 15 G3 (kreier.github.io/benchmark/LinpackDP)',
  },
];

export function findPreset(id: string): DevicePreset | undefined {
  return DEVICE_PRESETS.find((p) => p.id === id);
}
