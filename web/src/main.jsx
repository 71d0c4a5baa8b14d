// Entry point: mounts the app into index.html's #app.
import { render } from 'preact';
import { App } from './app.jsx';
import 'uplot/dist/uPlot.min.css';
import './styles.css';

render(<App />, document.getElementById('app'));
