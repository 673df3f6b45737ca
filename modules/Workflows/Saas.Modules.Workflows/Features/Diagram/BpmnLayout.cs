namespace Saas.Modules.Workflows.Features.Diagram;

internal readonly record struct Box(int X, int Y, int Width, int Height)
{
    public int CenterX => X + (Width / 2);

    public int CenterY => Y + (Height / 2);

    public int Right => X + Width;

    public int Bottom => Y + Height;
}

internal readonly record struct Point(int X, int Y);

/// <summary>Where everything of a <see cref="ProcessGraph"/> is drawn: the pool, its lanes, every node and every flow's bends.</summary>
internal sealed record DiagramLayout(Box Pool, IReadOnlyList<Box> Lanes, IReadOnlyDictionary<DiagramNode, Box> Nodes, IReadOnlyDictionary<DiagramFlow, IReadOnlyList<Point>> Flows);

/// <summary>
/// A layered layout, the same for the same process (docs/adr/0025): flows that lead back (found by a depth-first walk
/// from the start in the definition's order) are set aside, every other node goes in the column one beyond the
/// longest way to it, and in the row of its lane (its unit) in definition order. Forward flows run left to right with
/// right-angled bends, flows back run below their nodes, a timer sits on its task's lower edge.
/// </summary>
internal static class BpmnLayout
{
    public const int PoolHeader = 30;
    public const int LaneHeader = 30;
    private const int Origin = 20;
    private const int Margin = 40;
    private const int ColumnGap = 70;
    private const int RowHeight = 140;
    private const int LanePadding = 30;

    public static (int Width, int Height) SizeOf(DiagramNodeKind kind) => kind switch
    {
        DiagramNodeKind.Task or DiagramNodeKind.UserTask => (100, 80),
        DiagramNodeKind.Gateway => (50, 50),
        _ => (36, 36),
    };

    public static DiagramLayout Arrange(ProcessGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var placed = graph.Nodes.Where(n => n.Kind != DiagramNodeKind.Timer).ToList();
        var back = BackFlows(graph, placed);
        var layers = Layers(placed, back);

        // Columns: as wide as their widest node.
        var columnCount = layers.Values.DefaultIfEmpty(0).Max() + 1;
        var columnWidth = new int[columnCount];
        foreach (var node in placed)
        {
            columnWidth[layers[node]] = Math.Max(columnWidth[layers[node]], SizeOf(node.Kind).Width);
        }

        var contentLeft = Origin + PoolHeader + (graph.Lanes.Count > 0 ? LaneHeader : 0) + Margin;
        var columnLeft = new int[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            columnLeft[c] = c == 0 ? contentLeft : columnLeft[c - 1] + columnWidth[c - 1] + ColumnGap;
        }

        // Rows: per lane, as many as the most nodes one column of it holds.
        var laneCount = Math.Max(graph.Lanes.Count, 1);
        var rowOf = new Dictionary<DiagramNode, int>();
        var rows = new int[laneCount];
        foreach (var group in placed.GroupBy(n => (Lane: Math.Max(n.Lane, 0), Layer: layers[n])))
        {
            foreach (var (i, node) in group.OrderBy(n => n.Order).ThenBy(n => n.Kind).Index())
            {
                rowOf[node] = i;
            }

            rows[group.Key.Lane] = Math.Max(rows[group.Key.Lane], group.Count());
        }

        var laneTop = new int[laneCount];
        var laneBoxes = new List<Box>();
        var contentRight = columnLeft[^1] + columnWidth[^1] + Margin;
        var top = Origin;
        for (var l = 0; l < laneCount; l++)
        {
            laneTop[l] = top;
            var height = (Math.Max(rows[l], 1) * RowHeight) + (2 * LanePadding);
            var laneLeft = Origin + PoolHeader;
            laneBoxes.Add(new Box(laneLeft, top, contentRight - laneLeft, height));
            top += height;
        }

        var pool = new Box(Origin, Origin, contentRight - Origin, top - Origin);
        var nodes = new Dictionary<DiagramNode, Box>();
        foreach (var node in placed)
        {
            var (width, height) = SizeOf(node.Kind);
            var lane = Math.Max(node.Lane, 0);
            var centerX = columnLeft[layers[node]] + (columnWidth[layers[node]] / 2);
            var centerY = laneTop[lane] + LanePadding + (rowOf[node] * RowHeight) + (RowHeight / 2) - 10;
            nodes[node] = new Box(centerX - (width / 2), centerY - (height / 2), width, height);
        }

        foreach (var task in graph.Nodes.Where(n => n.AttachedTo is not null).GroupBy(n => n.AttachedTo!))
        {
            var host = nodes[task.Key];
            foreach (var (i, timer) in task.Index())
            {
                nodes[timer] = new Box(host.Right - 18 - 18 - (i * 42), host.Bottom - 18, 36, 36);
            }
        }

        var flows = new Dictionary<DiagramFlow, IReadOnlyList<Point>>();
        var backIndex = 0;
        foreach (var flow in graph.Flows)
        {
            var source = nodes[flow.Source];
            var target = nodes[flow.Target];
            var points = flow.Source.Kind == DiagramNodeKind.Timer
                ? FromTimer(source, target, backIndex)
                : back.Contains(flow) || target.X <= source.X
                    ? Back(source, target, backIndex++)
                    : Forward(source, target, flow.Source.Kind == DiagramNodeKind.Gateway);
            flows[flow] = Distinct(points);
        }

        return new DiagramLayout(pool, graph.Lanes.Count > 0 ? laneBoxes : [], nodes, flows);
    }

    /// <summary>The flows that close a cycle: to a node still on the walk's path.</summary>
    private static HashSet<DiagramFlow> BackFlows(ProcessGraph graph, IReadOnlyList<DiagramNode> placed)
    {
        var back = new HashSet<DiagramFlow>();
        var state = new Dictionary<DiagramNode, int>(); // 1 on the path, 2 done
        foreach (var root in placed.OrderBy(n => n.Kind == DiagramNodeKind.Start ? 0 : 1).ThenBy(n => n.Order))
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new Stack<(DiagramNode Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.TryPop(out var frame))
            {
                var outgoing = Outgoing(graph, frame.Node);
                if (frame.Next >= outgoing.Count)
                {
                    state[frame.Node] = 2;
                    continue;
                }

                stack.Push((frame.Node, frame.Next + 1));
                var flow = outgoing[frame.Next];
                var target = flow.Target;
                if (state.TryGetValue(target, out var seen))
                {
                    if (seen == 1)
                    {
                        back.Add(flow);
                    }
                }
                else
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }

        return back;
    }

    /// <summary>A node's flows for the layout: a task's own and those of the timers on it.</summary>
    private static List<DiagramFlow> Outgoing(ProcessGraph graph, DiagramNode node) =>
        [.. node.Outgoing, .. graph.Nodes.Where(n => n.AttachedTo == node).SelectMany(n => n.Outgoing)];

    /// <summary>Longest way from a source, over the flows that lead forward (a timer's flow counts as its task's).</summary>
    private static Dictionary<DiagramNode, int> Layers(IReadOnlyList<DiagramNode> placed, HashSet<DiagramFlow> back)
    {
        DiagramNode Placed(DiagramNode node) => node.AttachedTo ?? node;
        var forward = placed.ToDictionary(n => n, _ => new List<DiagramNode>());
        var indegree = placed.ToDictionary(n => n, _ => 0);
        foreach (var node in placed)
        {
            foreach (var flow in node.Incoming.Where(f => !back.Contains(f)))
            {
                var source = Placed(flow.Source);
                if (forward.ContainsKey(source) && source != node)
                {
                    forward[source].Add(node);
                    indegree[node]++;
                }
            }
        }

        var layers = placed.ToDictionary(n => n, _ => 0);
        var ready = new Queue<DiagramNode>(placed.Where(n => indegree[n] == 0).OrderBy(n => n.Order));
        while (ready.TryDequeue(out var node))
        {
            foreach (var next in forward[node])
            {
                layers[next] = Math.Max(layers[next], layers[node] + 1);
                if (--indegree[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return layers;
    }

    private static List<Point> Forward(Box source, Box target, bool fromGateway)
    {
        if (source.CenterY == target.CenterY)
        {
            return [new(source.Right, source.CenterY), new(target.X, target.CenterY)];
        }

        if (fromGateway)
        {
            var exit = target.CenterY < source.CenterY ? source.Y : source.Bottom;
            return [new(source.CenterX, exit), new(source.CenterX, target.CenterY), new(target.X, target.CenterY)];
        }

        var middle = target.X - (ColumnGap / 2);
        return [new(source.Right, source.CenterY), new(middle, source.CenterY), new(middle, target.CenterY), new(target.X, target.CenterY)];
    }

    /// <summary>Below both nodes, each flow back a little lower than the one before, so they stay apart.</summary>
    private static List<Point> Back(Box source, Box target, int index)
    {
        var below = Math.Max(source.Bottom, target.Bottom) + 24 + (index % 4 * 10);
        return [new(source.CenterX - 10, source.Bottom), new(source.CenterX - 10, below), new(target.CenterX + 10, below), new(target.CenterX + 10, target.Bottom)];
    }

    private static List<Point> FromTimer(Box timer, Box target, int index)
    {
        var below = timer.Bottom + 20 + (index % 4 * 10);
        if (target.X > timer.Right)
        {
            var middle = target.X - (ColumnGap / 2);
            return target.CenterY > below
                ? [new(timer.CenterX, timer.Bottom), new(timer.CenterX, target.CenterY), new(target.X, target.CenterY)]
                : [new(timer.CenterX, timer.Bottom), new(timer.CenterX, below), new(middle, below), new(middle, target.CenterY), new(target.X, target.CenterY)];
        }

        var end = target.Bottom < below ? target.Bottom : target.Y;
        return [new(timer.CenterX, timer.Bottom), new(timer.CenterX, below), new(target.CenterX, below), new(target.CenterX, end)];
    }

    private static List<Point> Distinct(List<Point> points)
    {
        var result = new List<Point>();
        foreach (var point in points.Where(p => result.Count == 0 || result[^1] != p))
        {
            result.Add(point);
        }

        return result.Count >= 2 ? result : [points[0], points[^1] with { X = points[^1].X + 1 }];
    }
}
