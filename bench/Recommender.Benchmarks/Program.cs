using System.CommandLine;
using Recommender.Benchmarks;
using Recommender.Benchmarks.Exposures;
using Recommender.Benchmarks.Scoring;

// One verb per suite, each in its own file; this file only dispatches.
var root = new RootCommand("Recommender benchmarks. Release builds only: dotnet run -c Release --project bench/Recommender.Benchmarks -- <suite> [options]")
{
    AlsSuite.Create(),
    EaseSuite.Create(),
    ExposuresSuite.Create(),
    ScoringSuite.CreateCommand(),
};
return await root.Parse(args).InvokeAsync();
