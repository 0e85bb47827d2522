/* The bench's accounts: the same addresses and passwords on every side. */
export interface BenchUser {
  email: string;
  password: string;
  name: string;
}

export function benchUsers(n: number, domain: string): BenchUser[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `member${i}@${domain}`,
    // 20+ characters: passes Palisade's NIST policy (15 minimum) and Better Auth's (8).
    password: `bench-Password-${i}-correct-horse`,
    name: `Member ${i}`,
  }));
}
