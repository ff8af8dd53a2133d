export const LAUNCHER_OUT: string;
export function compileLauncherForPackage(outDir?: string): Promise<string>;
export default function beforePack(): Promise<void>;
