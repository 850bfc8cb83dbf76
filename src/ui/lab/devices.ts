/** Short device names for node cards (the presets' titles are for the editor). */
import { findPreset } from '../../emulator/presets';

const SHORT: Record<string, string> = {
  'esp32-s3': 'ESP32-S3',
  pi1: 'Pi 1',
  pi4: 'Pi 4',
  'jetson-nano': 'Jetson Nano',
  phone: 'Phone',
  laptop: 'Laptop',
};

export function deviceLabel(preset: string | undefined, memberLabel?: string): string {
  // a real device is what it said it is when it joined ("Pixel 7", "pi-kitchen"), not a preset
  if (memberLabel) return memberLabel;
  if (!preset) return 'custom';
  return SHORT[preset] ?? findPreset(preset)?.title ?? preset;
}
