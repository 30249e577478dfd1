import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the app on :5173 and forwards the API and Socket.IO to the Toki server.
const toki = process.env.TOKI_SERVER ?? 'http://localhost:5080';
const proxy = {
  '/api': toki,
  '/socket.io': { target: toki, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
});
