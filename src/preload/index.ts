import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannelName } from '../shared/contract';
import { buildPosApi } from '../shared/pos-api';

// The renderer gets one function per contract channel and nothing else: no ipcRenderer, no send().
contextBridge.exposeInMainWorld(
  'pos',
  buildPosApi((channel, input) => ipcRenderer.invoke(ipcChannelName(channel), input)),
);
