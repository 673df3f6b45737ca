using System.Xml.Linq;
using Saas.Modules.Workflows.Features.Definitions;
using Saas.Modules.Workflows.Features.Instances;

namespace Saas.Modules.Workflows.Features.Diagram;

/// <summary>
/// A process version as BPMN 2.0 XML (OMG, namespace <see cref="Model"/>) with its diagram (BPMNDI): a collaboration
/// with one pool, the units as lanes, every shape and flow with coordinates of <see cref="BpmnLayout"/>, so that
/// bpmn-js and other modellers draw it as it is. Not executable: the platform runs the process, BPMN shows it
/// (docs/adr/0025 has the mapping and what BPMN cannot say). Built with LINQ to XML; the same version and language
/// give the same bytes.
/// </summary>
internal static class BpmnExport
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The language of guards' conditions (docs/adr/0021), named in <c>conditionExpression</c>.</summary>
    public const string ExpressionLanguage = "urn:saas:expression-language";

    public const string Exporter = "Saas.Modules.Workflows";

    public static XDocument Export(ProcessDefinition definition, int version, IReadOnlyDictionary<string, string> unitNames)
    {
        var graph = ProcessGraph.Of(definition, unitNames);
        var layout = BpmnLayout.Arrange(graph);
        var key = definition.Key;
        var processId = graph.Id("Process_" + key);
        var collaborationId = graph.Id("Collaboration_" + key);
        var participantId = graph.Id("Participant_" + key);
        var name = Names.Of(definition.Name, definition.NameEn);

        var process = new XElement(Model + "process",
            new XAttribute("id", processId),
            new XAttribute("name", name),
            new XAttribute("isExecutable", false),
            Documentation(ProcessText(definition, version)));
        if (graph.Lanes.Count > 0)
        {
            process.Add(new XElement(Model + "laneSet", new XAttribute("id", graph.Id("LaneSet_" + key)),
                graph.Lanes.Select((lane, i) => new XElement(Model + "lane",
                    new XAttribute("id", lane.Id),
                    new XAttribute("name", lane.Name),
                    graph.Nodes.Where(n => n.Lane == i).Select(n => new XElement(Model + "flowNodeRef", n.Id))))));
        }

        process.Add(graph.Nodes.Select(n => Node(graph, n)));
        process.Add(graph.Flows.Select(Flow));

        var plane = new XElement(BpmnDi + "BPMNPlane",
            new XAttribute("id", graph.Id("Plane_" + key)),
            new XAttribute("bpmnElement", collaborationId),
            Shape(graph.Id(participantId + "_di"), participantId, layout.Pool, new XAttribute("isHorizontal", true)),
            graph.Lanes.Select((lane, i) => Shape(graph.Id(lane.Id + "_di"), lane.Id, layout.Lanes[i], new XAttribute("isHorizontal", true))),
            graph.Nodes.Select(n => Shape(graph.Id(n.Id + "_di"), n.Id, layout.Nodes[n],
                n.Kind == DiagramNodeKind.Gateway ? new XAttribute("isMarkerVisible", true) : null)),
            graph.Flows.Select(f => new XElement(BpmnDi + "BPMNEdge",
                new XAttribute("id", graph.Id(f.Id + "_di")),
                new XAttribute("bpmnElement", f.Id),
                layout.Flows[f].Select(p => new XElement(Di + "waypoint", new XAttribute("x", p.X), new XAttribute("y", p.Y))))));

        var root = new XElement(Model + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmn", Model),
            new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
            new XAttribute(XNamespace.Xmlns + "dc", Dc),
            new XAttribute(XNamespace.Xmlns + "di", Di),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute("id", graph.Id("Definitions_" + key)),
            new XAttribute("name", name),
            new XAttribute("targetNamespace", "urn:saas:process:" + key),
            new XAttribute("exporter", Exporter),
            new XAttribute("exporterVersion", version.ToString(CultureInfo.InvariantCulture)),
            new XElement(Model + "collaboration", new XAttribute("id", collaborationId),
                new XElement(Model + "participant", new XAttribute("id", participantId), new XAttribute("name", name), new XAttribute("processRef", processId))),
            process,
            new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", graph.Id("Diagram_" + key)), new XAttribute("name", name), plane));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>The document as the file is written: UTF-8 without byte-order mark, indented.</summary>
    public static byte[] Bytes(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings
        {
            Encoding = new System.Text.UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
        }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private static XElement Node(ProcessGraph graph, DiagramNode node)
    {
        var element = new XElement(Model + node.Kind switch
        {
            DiagramNodeKind.Start => "startEvent",
            DiagramNodeKind.Task => "task",
            DiagramNodeKind.UserTask => "userTask",
            DiagramNodeKind.Gateway => "exclusiveGateway",
            DiagramNodeKind.Timer => "boundaryEvent",
            _ => "endEvent",
        },
            new XAttribute("id", node.Id),
            node.Name is { } name ? new XAttribute("name", name) : null,
            node.AttachedTo is { } task ? new XAttribute("attachedToRef", task.Id) : null,
            node.AttachedTo is not null ? new XAttribute("cancelActivity", true) : null,
            Documentation(node.Documentation),
            node.Incoming.Select(f => new XElement(Model + "incoming", f.Id)),
            node.Outgoing.Select(f => new XElement(Model + "outgoing", f.Id)));
        if (node.Kind == DiagramNodeKind.Timer)
        {
            element.Add(new XElement(Model + "timerEventDefinition", new XAttribute("id", graph.Id(node.Id + "_timer")),
                node.Duration is { } duration ? new XElement(Model + "timeDuration", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), duration) : null));
        }

        return element;
    }

    private static XElement Flow(DiagramFlow flow) => new(Model + "sequenceFlow",
        new XAttribute("id", flow.Id),
        flow.Name is { } name ? new XAttribute("name", name) : null,
        new XAttribute("sourceRef", flow.Source.Id),
        new XAttribute("targetRef", flow.Target.Id),
        Documentation(flow.Documentation),
        flow.Condition is { } condition
            ? new XElement(Model + "conditionExpression", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), new XAttribute("language", ExpressionLanguage), condition)
            : null);

    private static XElement? Documentation(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? null : new XElement(Model + "documentation", string.Join("\n", lines));

    private static XElement Shape(string id, string element, Box box, XAttribute? extra) => new(BpmnDi + "BPMNShape",
        new XAttribute("id", id),
        new XAttribute("bpmnElement", element),
        extra,
        new XElement(Dc + "Bounds", new XAttribute("x", box.X), new XAttribute("y", box.Y), new XAttribute("width", box.Width), new XAttribute("height", box.Height)));

    private static List<string> ProcessText(ProcessDefinition definition, int version)
    {
        var lines = new List<string> { Text("workflows.diagram.doc.process", ("key", definition.Key), ("version", version), ("caseKind", definition.CaseKind)) };
        if (definition.LegalBases.Count > 0)
        {
            lines.Add(Text("workflows.diagram.doc.legal-bases", ("bases", string.Join(", ", definition.LegalBases))));
        }

        if (definition.Variables.Count > 0)
        {
            lines.Add(Text("workflows.diagram.doc.variables", ("variables", string.Join(", ", definition.Variables.Select(v => $"{v.Name}: {v.Type}")))));
        }

        return lines;
    }

    private static string Text(string key, params (string Name, object? Value)[] arguments) =>
        TextCatalog.Shared.Format(LocalizedText.Of(key, arguments));
}
