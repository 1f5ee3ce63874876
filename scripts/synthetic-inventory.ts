/** A synthetic estate shaped like the example: mostly bots, a few control rooms, SQL pairs. */
export function syntheticInventoryCsv(servers: number): string {
  const rows = ['name,role,os,vcpu,memory_gib,storage_gib,cpu_p95_pct,memory_p95_pct,sql_edition'];
  for (let i = 0; i < servers; i++) {
    const k = i % 50;
    if (k === 0) rows.push(`SQL-${i},sql,Windows Server 2019,16,128,1500,${20 + (i % 60)},90,enterprise`);
    else if (k < 3) rows.push(`CR-${i},control-room,Windows Server 2019,8,32,300,${30 + (i % 50)},60,`);
    else
      rows.push(
        `BOT-${i},bot,Windows Server 2019,${[4, 8][i % 2]},16,150,${10 + (i % 85)},${30 + (i % 60)},`,
      );
  }
  return `${rows.join('\n')}\n`;
}
