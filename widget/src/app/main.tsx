/** Entry of the chat app inside the iframe (`/widget/frame.html`). */
import { render } from 'preact';
import { App } from './components/App.tsx';
import { ChatController } from './controller.ts';
import { parseFrameHash } from './hash.ts';
import './styles.css';

const controller = new ChatController(parseFrameHash(location.hash));
const root = document.getElementById('app');
if (root) render(<App controller={controller} />, root);
void controller.start();
