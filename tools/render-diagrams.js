// Renders every diagram in processes/ to docs/diagrams/<name>.png with bpmn-js in headless Chromium.
// Run: npm ci && npm run diagrams   (needs Debian's chromium: apt-get install chromium)
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..');
const viewer = fs.readFileSync(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

(async () => {
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run']
  });
  const page = await browser.newPage({ viewport: { width: 2600, height: 1400 } });
  for (const file of fs.readdirSync(path.join(root, 'processes')).filter(f => f.endsWith('.bpmn')).sort()) {
    const xml = fs.readFileSync(path.join(root, 'processes', file), 'utf8');
    // the drill-down buttons of collapsed sub-processes are for clicking in Modeler, not for a picture
    await page.setContent('<html><head><style>.bjs-drilldown{display:none}</style></head><body style="margin:0;background:#fff"><div id="canvas" style="width:2600px;height:1200px"></div></body></html>');
    await page.addScriptTag({ content: viewer });
    const box = await page.evaluate(async (diagram) => {
      const bpmn = new BpmnJS({ container: '#canvas' });
      const { warnings } = await bpmn.importXML(diagram);
      if (warnings.length) { throw new Error(warnings.map(w => w.message).join('; ')); }
      const canvas = bpmn.get('canvas');
      const inner = canvas.viewbox().inner;
      const width = Math.ceil(inner.width + 40);
      const height = Math.ceil(inner.height + 90); // room for the bpmn.io mark, which stays visible
      const container = document.getElementById('canvas');
      container.style.width = width + 'px';
      container.style.height = height + 'px';
      canvas.resized();
      canvas.viewbox({ x: inner.x - 20, y: inner.y - 20, width, height });
      return { width, height };
    }, xml);
    const out = path.join(root, 'docs', 'diagrams', file.replace('.bpmn', '.png'));
    // the whole diagram, however wide: the return processes hold the court-order block below and to the right
    await page.setViewportSize({ width: Math.max(box.width, 800), height: Math.max(box.height, 400) });
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: box.width, height: box.height } });
    await page.setViewportSize({ width: 2600, height: 1400 });
    console.log('rendered', path.relative(root, out));
  }
  await browser.close();
})().catch(error => { console.error(error.message); process.exit(1); });
