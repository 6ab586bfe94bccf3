using Recommender.Rules.Compilation;

namespace Recommender.Rules.Execution;

/// <summary>A filter rule ready to run: drop the candidate when <see cref="When"/> holds.</summary>
/// <param name="Bit">The rule's position in its workflow file, which is its bit in a fired-rules mask.</param>
internal sealed record CompiledFilter(string Name, int Bit, RuleDelegate<bool> When, bool DropOnError);
