// Reads a BPMN file with bpmn-moddle (bpmn.io's BPMN 2.0 reader, the one bpmn-js uses) and prints what it found as
// JSON: its warnings (unknown elements or attributes, unresolved references, duplicate ids), the ids of the flow
// elements by type, and the diagram's shapes and edges. Run by BpmnExportTests (docs/adr/0025); node_modules comes from
// scripts/browser.sh (npm ci in this project's folder).
import { readFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const xml = await readFile(process.argv[2], 'utf8');
const moddle = new BpmnModdle();
const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
const processes = rootElement.rootElements.filter((e) => e.$type === 'bpmn:Process');
const elements = processes.flatMap((p) => p.flowElements || []).map((e) => ({
  id: e.id,
  type: e.$type,
  name: e.name || null,
  attachedTo: e.attachedToRef ? e.attachedToRef.id : null,
  source: e.sourceRef ? e.sourceRef.id : null,
  target: e.targetRef ? e.targetRef.id : null,
  duration: (e.eventDefinitions || []).map((d) => (d.timeDuration ? d.timeDuration.body : null)).find((d) => d) || null,
}));
const lanes = processes.flatMap((p) => (p.laneSets || []).flatMap((s) => s.lanes || []))
  .map((l) => ({ id: l.id, name: l.name, nodes: (l.flowNodeRef || []).map((n) => n.id) }));
const planes = (rootElement.diagrams || []).map((d) => d.plane);
const shapes = planes.flatMap((p) => p.planeElement || []).map((e) => ({
  id: e.id,
  element: e.bpmnElement ? e.bpmnElement.id : null,
  type: e.$type,
}));
process.stdout.write(JSON.stringify({ warnings: warnings.map((w) => w.message), elements, lanes, shapes }));
