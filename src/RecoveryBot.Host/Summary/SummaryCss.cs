namespace RecoveryBot.Host.Summary;

/// <summary>The page's only stylesheet, inline: screen, narrow screens and print (one page for a small recovery).</summary>
internal static class SummaryCss
{
    public const string Text =
        ":root{--ink:#1a1a1a;--muted:#3f3f3f;--rule:#c8c8c8;--accent:#1f4e79;--late:#8a1c12}" +
        "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);background:#fff;margin:0}" +
        "main{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}h1{font-size:1.8rem;margin:.5rem 0 .25rem}" +
        "h2{font-size:1.2rem;margin:1.75rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid var(--accent)}" +
        ".meta{color:var(--muted);margin:.2rem 0}.count{color:var(--muted);font-weight:normal}.none{color:var(--muted);font-style:italic}" +
        ".tiles{display:flex;flex-wrap:wrap;gap:.6rem;list-style:none;padding:0;margin:1rem 0}" +
        ".tiles li{flex:1 1 9rem;border:1px solid var(--rule);border-left:5px solid var(--accent);border-radius:4px;padding:.5rem .75rem;color:var(--muted)}" +
        ".tiles strong{display:block;font-size:1.7rem;line-height:1.2;color:var(--ink)}.tiles li.alert{border-left:5px double var(--late)}.tiles li.alert strong{color:var(--late)}" +
        "figure{margin:0}svg.chart{width:100%;height:auto;display:block}figcaption{color:var(--muted);font-size:.95rem;margin-top:.25rem}" +
        "table{border-collapse:collapse;width:100%}caption{text-align:left;color:var(--muted);font-size:.9rem;padding:.2rem 0}" +
        "th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}thead th{background:#e8eef4}" +
        "table.numbers td{white-space:nowrap}table.history td:first-child{white-space:nowrap}" +
        "tr.late{background:#fdecea}tr.late td:nth-child(4){color:var(--late);font-weight:600}" +
        "sup{font-size:.7em;color:var(--muted)}.notes{font-size:.85rem;color:var(--muted);padding-left:1.4rem}a{color:#0b4f8a}" +
        "[title]{text-decoration:underline dotted;text-underline-offset:3px;cursor:help}" +
        "@media (max-width:40rem){table:not(.numbers),table:not(.numbers) thead,table:not(.numbers) tbody,table:not(.numbers) tr," +
        "table:not(.numbers) th,table:not(.numbers) td{display:block}table:not(.numbers) thead{display:none}" +
        "table:not(.numbers) tr{border-bottom:1px solid #999;padding:.3rem 0}table:not(.numbers) th,table:not(.numbers) td{border:0;padding:.1rem 0}" +
        ".numbers{display:block;overflow-x:auto}}" +
        "@page{size:A4;margin:10mm}" +
        "@media print{body{font-size:8pt;line-height:1.22}main{max-width:none;padding:0;column-count:2;column-gap:7mm}h1{font-size:14pt;margin:0}" +
        "header,.tiles,.wide{column-span:all}section{break-inside:avoid}caption{font-size:7.5pt}.meta{margin:0}" +
        ".tiles li{flex:1 1 0}.tiles strong{display:inline;font-size:12pt}" +
        "h2{font-size:10.5pt;margin:.45rem 0 .15rem;break-after:avoid}.none{margin:.1rem 0}.tiles{margin:.4rem 0;gap:.3rem}.tiles li{padding:.05rem .4rem}" +
        "th,td{padding:.05rem .3rem}thead th{background:none;border-bottom:1.5px solid #000}" +
        "tr{break-inside:avoid}tr.late{background:none}tr.late td{font-weight:600}figure{break-inside:avoid}svg.chart{max-height:3.2cm}" +
        ".notes{font-size:6.8pt;columns:3;margin:.2rem 0;line-height:1.15}section.empty{display:none}table.history tbody tr:nth-child(n+4){display:none}" +
        "table.history caption::after{content:' Printed: the latest 3.'}figcaption{font-size:8.5pt}a{color:#000;text-decoration:none}.links{display:none}#log{display:none}}";
}
