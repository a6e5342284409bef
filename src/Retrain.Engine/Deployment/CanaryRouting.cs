using System.IO.Hashing;
using System.Text;

namespace Retrain.Engine.Deployment;

/// <summary>
/// Which rows a canary serves: each piece of equipment falls in one of 100 buckets by a fixed hash of its id
/// (XxHash32, seed 0, over the id's UTF-8 bytes: the same in every process, on every machine and in every version of
/// .NET, unlike string.GetHashCode), and the canary serves the buckets below its percent. So a machine served by the
/// canary at 10% is still served by it at 50%, and every row of one machine goes to one model.
/// </summary>
public static class CanaryRouting
{
    public static int Bucket(string equipmentId)
    {
        ArgumentNullException.ThrowIfNull(equipmentId);
        return (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(equipmentId)) % 100);
    }

    public static bool ServedByCanary(string equipmentId, int trafficPercent) => Bucket(equipmentId) < trafficPercent;
}
