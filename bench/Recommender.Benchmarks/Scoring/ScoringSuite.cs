using System.CommandLine;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Scoring;
using Recommender.Ensemble.Scoring.Onnx;

namespace Recommender.Benchmarks.Scoring;

/// <summary>
/// <c>scoring</c>: top-K scoring on every path (exact CPU kernel, int8 + re-score, ONNX Runtime CPU provider) for
/// items ∈ {100k, 1M}, dim ∈ {64, 128}, batch ∈ {1, 64}, each figure also as a ratio to the memory-bandwidth floor
/// measured in the same run. See bench/README.md for what each figure means.
/// </summary>
public static class ScoringSuite
{
    public static Command CreateCommand()
    {
        var quick = new Option<bool>("--quick") { Description = "Only 1M items × 64 dims, the issue's headline case (a few minutes)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every figure as the last line." };
        var k = new Option<int>("--k") { Description = "Items returned per query.", DefaultValueFactory = _ => 10 };
        var repetitions = new Option<int>("--repetitions") { Description = "Timed calls per figure at least; the median is reported.", DefaultValueFactory = _ => 21 };
        var minimumSeconds = new Option<double>("--min-seconds") { Description = "Time each figure is sampled for at least.", DefaultValueFactory = _ => 1.0 };
        var threads = new Option<int>("--threads") { Description = "Threads per scoring call; -1 = every core.", DefaultValueFactory = _ => -1 };
        var noOnnx = new Option<bool>("--no-onnx") { Description = "Skip the ONNX Runtime path." };
        var items = new Option<int[]>("--items") { Description = "Item counts to run instead of the default set (e.g. --items 100000 1000000).", AllowMultipleArgumentsPerToken = true };
        var dims = new Option<int[]>("--dims") { Description = "Dimensions to run instead of the default set.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the random items and queries.", DefaultValueFactory = _ => 42 };
        var command = new Command("scoring", "Exact, int8 and ONNX Runtime top-K scoring against the memory-bandwidth floor.")
        {
            quick, json, k, repetitions, minimumSeconds, threads, noOnnx, items, dims, seed,
        };
        command.SetAction(parse => Run(new Settings(
            parse.GetValue(quick), parse.GetValue(json), parse.GetValue(k), parse.GetValue(repetitions), parse.GetValue(minimumSeconds),
            parse.GetValue(threads), !parse.GetValue(noOnnx), parse.GetValue(seed),
            parse.GetValue(items) ?? [], parse.GetValue(dims) ?? [])));
        return command;
    }

    private sealed record Settings(bool Quick, bool Json, int K, int Repetitions, double MinimumSeconds, int Threads, bool Onnx, int Seed,
        int[] Items, int[] Dims);

    private const int BatchSize = 64;
    private const int RecallQueries = 256;

    private static int Run(Settings settings)
    {
        int[] itemCounts = settings.Items.Length > 0 ? settings.Items : settings.Quick ? [1_000_000] : [100_000, 1_000_000];
        int[] dimensions = settings.Dims.Length > 0 ? settings.Dims : settings.Quick ? [64] : [64, 128];
        var sizes = itemCounts.SelectMany(n => dimensions.Select(d => (Items: n, Dim: d))).ToArray();
        var timer = new MedianTimer(Warmups: 3, settings.Repetitions, TimeSpan.FromSeconds(settings.MinimumSeconds), Budget: TimeSpan.FromSeconds(10));
        Console.WriteLine($"scoring: k={settings.K}, threads={(settings.Threads < 0 ? Environment.ProcessorCount : settings.Threads)} of {Environment.ProcessorCount} cores, " +
            $"Vector512 {(Vector512.IsHardwareAccelerated ? "on" : "off")}, median of ≥ {settings.Repetitions} calls and ≥ {settings.MinimumSeconds} s (≤ 10 s) after 3 warm-ups");
        Console.WriteLine($"{"items",9} {"dim",4} {"path",-10} {"batch",5} {"ms/call",9} {"ms/query",9} {"×floor",7}  note");

        var sizeResults = new List<SizeResult>();
        foreach (var (items, dim) in sizes)
            sizeResults.Add(MeasureSize(items, dim, settings, timer));

        var headline = sizeResults.FirstOrDefault(s => s.Items == 1_000_000 && s.Dim == 64) ?? sizeResults[^1];
        Console.WriteLine();
        Console.WriteLine($"headline {headline.Items:N0} × {headline.Dim}: exact/floor {headline.ExactVsFloor:F2} (goal ≤ 1.5), " +
            $"int8/exact {headline.QuantizedVsExact:F2} (goal ≤ 0.6), recall@{settings.K} {headline.QuantizedRecall:F4} (goal ≥ 0.99), " +
            $"batch64/batch1 per query {headline.Batch64VsBatch1:F3} (goal ≤ 0.25)");
        if (settings.Json)
            Console.WriteLine(JsonSerializer.Serialize(Summary(headline, sizeResults, settings), JsonSerializerOptions.Web));
        return 0;
    }

    private static SizeResult MeasureSize(int items, int dim, Settings settings, MedianTimer timer)
    {
        var random = new Random(settings.Seed + items + dim);
        var matrix = RandomFloats(random, items * dim);
        var queries = RandomFloats(random, RecallQueries * dim);
        var batch = queries.AsMemory(0, BatchSize * dim);
        var cases = new List<CaseResult>();
        var sink = 0f;

        var floor = new MemoryFloor(items * dim);
        var floorSequential = timer.Measure(() => sink += floor.ReadSequential());
        var floorParallel = timer.Measure(() => sink += floor.ReadParallel(settings.Threads));
        var floorMs = Math.Min(floorSequential, floorParallel);
        floor = null;
        Report(cases, items, dim, "floor-1t", 1, floorSequential, floorMs, $"{items * (long)dim * 4 / 1e6:F0} MB read by one thread");
        Report(cases, items, dim, "floor-mt", 1, floorParallel, floorMs, "same, every thread");

        var next = 0;
        ReadOnlySpan<float> NextQuery() => queries.AsSpan(next++ % RecallQueries * dim, dim);

        // Exact: also the reference for recall and agreement.
        var exact = new CpuEmbeddingScorer(matrix, items, dim, settings.Threads);
        var exact1 = timer.Measure(() => exact.TopK(NextQuery(), settings.K, ExclusionFilter.None));
        var exact64 = timer.Measure(() => exact.TopKBatch(batch.Span, settings.K)) / BatchSize;
        var reference = TopKAll(exact, queries, dim, settings.K);
        exact = null;
        Report(cases, items, dim, "exact", 1, exact1, floorMs);
        Report(cases, items, dim, "exact", BatchSize, exact64 * BatchSize, floorMs, $"per query {exact64 / exact1:F3} × batch 1");

        Collect();
        var quantized = new QuantizedEmbeddingScorer(matrix, items, dim, settings.Threads);
        var quantized1 = timer.Measure(() => quantized.TopK(NextQuery(), settings.K, ExclusionFilter.None));
        var quantized64 = timer.Measure(() => quantized.TopKBatch(batch.Span, settings.K)) / BatchSize;
        var recall = Recall(reference, TopKAll(quantized, queries, dim, settings.K), settings.K);
        quantized = null;
        Report(cases, items, dim, "int8", 1, quantized1, floorMs, $"{quantized1 / exact1:F2} × exact, recall@{settings.K} {recall:F4}");
        Report(cases, items, dim, "int8", BatchSize, quantized64 * BatchSize, floorMs);

        double? onnx1 = null, onnx64 = null, onnxAgreement = null;
        if (settings.Onnx)
        {
            Collect();
            using var onnx = OnnxEmbeddingScorer.Create(matrix, items, dim, OnnxExecutionProvider.Cpu, intraOpThreads: Math.Max(0, settings.Threads));
            onnx1 = timer.Measure(() => onnx.TopK(NextQuery(), settings.K, ExclusionFilter.None));
            onnx64 = timer.Measure(() => onnx.TopKBatch(batch.Span, settings.K)) / BatchSize;
            onnxAgreement = Recall(reference, TopKAll(onnx, queries, dim, settings.K), settings.K);
            Report(cases, items, dim, "onnx-cpu", 1, onnx1.Value, floorMs, $"ids agree with exact: {onnxAgreement:F4}");
            Report(cases, items, dim, "onnx-cpu", BatchSize, onnx64.Value * BatchSize, floorMs);
        }
        GC.KeepAlive(sink);
        Collect();
        return new SizeResult(items, dim, floorSequential, floorParallel, floorMs, exact1, exact64, quantized1, quantized64, recall,
            onnx1, onnx64, onnxAgreement, cases);
    }

    private static void Report(List<CaseResult> cases, int items, int dim, string path, int batch, double msPerCall, double floorMs, string note = "")
    {
        var result = new CaseResult(items, dim, path, batch, Round(msPerCall), Round(msPerCall / batch), Round(msPerCall / floorMs));
        cases.Add(result);
        Console.WriteLine($"{items,9} {dim,4} {path,-10} {batch,5} {msPerCall,9:F3} {msPerCall / batch,9:F4} {msPerCall / floorMs,7:F2}  {note}");
    }

    private static ScoredItem[][] TopKAll(IEmbeddingScorer scorer, float[] queries, int dim, int k)
    {
        var results = new List<ScoredItem[]>();
        for (var first = 0; first < RecallQueries; first += BatchSize)
            results.AddRange(scorer.TopKBatch(queries.AsSpan(first * dim, BatchSize * dim), k));
        return [.. results];
    }

    /// <summary>Mean over queries of |found ∩ reference| / k.</summary>
    private static double Recall(ScoredItem[][] reference, ScoredItem[][] found, int k)
    {
        var total = 0.0;
        for (var q = 0; q < reference.Length; q++)
            total += (double)reference[q].Select(s => s.Item).Intersect(found[q].Select(s => s.Item)).Count() / k;
        return total / reference.Length;
    }

    private static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.NextSingle() * 2 - 1;
        return values;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static object Summary(SizeResult h, List<SizeResult> sizes, Settings settings) => new
    {
        suite = "scoring",
        items = h.Items,
        dim = h.Dim,
        k = settings.K,
        threads = settings.Threads < 0 ? Environment.ProcessorCount : settings.Threads,
        vector512 = Vector512.IsHardwareAccelerated,
        exactVsFloor = Round(h.ExactVsFloor),
        quantizedVsExact = Round(h.QuantizedVsExact),
        quantizedRecall = Round(h.QuantizedRecall),
        batch64VsBatch1 = Round(h.Batch64VsBatch1),
        floorMs = Round(h.FloorMs),
        floorSequentialMs = Round(h.FloorSequentialMs),
        floorParallelMs = Round(h.FloorParallelMs),
        exactBatch1Ms = Round(h.Exact1),
        exactBatch64MsPerQuery = Round(h.Exact64),
        quantizedBatch1Ms = Round(h.Quantized1),
        quantizedBatch64MsPerQuery = Round(h.Quantized64),
        onnxCpuBatch1Ms = h.Onnx1 is { } o1 ? Round(o1) : (double?)null,
        onnxCpuBatch64MsPerQuery = h.Onnx64 is { } o64 ? Round(o64) : (double?)null,
        onnxCpuAgreement = h.OnnxAgreement is { } a ? Round(a) : (double?)null,
        goalsMet = new
        {
            exactVsFloor = h.ExactVsFloor <= 1.5,
            quantizedVsExact = h.QuantizedVsExact <= 0.6,
            quantizedRecall = h.QuantizedRecall >= 0.99,
            batch64VsBatch1 = h.Batch64VsBatch1 <= 0.25,
        },
        cuda = "not measured: no GPU in this run (see bench/README.md)",
        cases = sizes.SelectMany(s => s.Cases),
    };

    private sealed record CaseResult(int Items, int Dim, string Path, int Batch, double MsPerCall, double MsPerQuery, double VsFloor);

    private sealed record SizeResult(int Items, int Dim, double FloorSequentialMs, double FloorParallelMs, double FloorMs,
        double Exact1, double Exact64, double Quantized1, double Quantized64, double QuantizedRecall,
        double? Onnx1, double? Onnx64, double? OnnxAgreement, List<CaseResult> Cases)
    {
        public double ExactVsFloor => Exact1 / FloorMs;

        public double QuantizedVsExact => Quantized1 / Exact1;

        public double Batch64VsBatch1 => Exact64 / Exact1;
    }
}
