using System.Security.Cryptography;
using System.Text;

namespace Recommender.Api.Experiments;

/// <summary>Strong entity tags of experiments: the first 64 bits of SHA-256 over the text, quoted as HTTP wants them.</summary>
public static class ExperimentETag
{
    public static string Of(string text) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}\"";
}
