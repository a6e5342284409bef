using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Retrain.Engine.Data;

namespace Retrain.Engine.Training;

/// <summary>
/// The manifest's <c>data_sha256</c>: SHA-256 (lower-case hex) over the training data in a canonical form:
/// the UTF-8 column names (features in the request's order, then the target) each followed by a 0 byte,
/// then each of those columns in turn, every row's value as a little-endian IEEE binary64
/// (−0 written as +0). Rows in the dataset's order, before the split and before any RUL cap.
/// The same data and columns give the same hash whatever file format they were read from.
/// </summary>
public static class DataHash
{
    public static string Compute(Dataset data, IReadOnlyList<string> features, string target)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var columns = features.Append(target).ToArray();
        foreach (var name in columns)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name));
            sha.AppendData([0]);
        }
        var buffer = new byte[8 * 4096];
        foreach (var name in columns)
        {
            var values = data.Column(name);
            for (int start = 0; start < values.Length; start += 4096)
            {
                int n = Math.Min(4096, values.Length - start);
                for (int i = 0; i < n; i++)
                {
                    double v = values[start + i];
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i), v == 0 ? 0.0 : v);
                }
                sha.AppendData(buffer, 0, 8 * n);
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }
}
