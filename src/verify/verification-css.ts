/** Styles of the verification report, shared by its standalone page and the book. */

/** Tables, the caveat, and the verification page's badges, filter and cards (`.v…`, `.badge`). */
export const reportCss = `body{font-family:Arial,Helvetica,sans-serif;margin:24px;max-width:1200px;color:#222}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
.status-reproduced td:nth-child(7),.status-claim-holds td:nth-child(7){color:#1a7f37}
.status-mismatch td:nth-child(7),.status-claim-fails td:nth-child(7),.status-impossible-under-every-reading td:nth-child(7){color:#b2182b;font-weight:bold}
.status-attainable-only-under-an-assumption td:nth-child(7),.status-reproduced-on-a-reinterpreted-base td:nth-child(7){color:#b35806}
.robust-robust td:nth-child(5){color:#1a7f37}.robust-fails td:nth-child(5){color:#b2182b}.robust-depends td:nth-child(5){color:#b35806}
.caveat{background:#fff8e1;border-left:4px solid #b35806;padding:6px 10px}
pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}nav a{margin-right:12px}
.vpage [hidden]{display:none!important}
.vfilter{font-family:Arial,Helvetica,sans-serif;margin:1rem 0 1.5rem}.vfilter p{margin:.2rem 0 .5rem}
.vbadges{display:flex;flex-wrap:wrap;gap:.4rem}.vshown{font-size:13px;color:#57606a}
.vpage .badge{display:inline-block;font:600 13px/1.3 Arial,Helvetica,sans-serif;padding:.2rem .6rem;border-radius:999px;border:1px solid transparent;background:#eaeef2;color:#424a53;white-space:nowrap}
.vpage button.badge{cursor:pointer}.vpage button.badge:disabled{cursor:default}.vpage button.badge[aria-pressed=true]{border-color:currentColor;box-shadow:0 0 0 1px currentColor}
.vpage .badge b{font-weight:700;margin-left:.25rem}
.vpage .b-reproduced,.vpage .b-claim-holds{background:#dafbe1;color:#116329}
.vpage .b-reproduced-on-a-reinterpreted-base{background:#fff1c2;color:#6f4b00}
.vpage .b-attainable-only-under-an-assumption,.vpage .b-contradicted-by-the-report{background:#ffe5cc;color:#8a3f00}
.vpage .b-impossible-under-every-reading,.vpage .b-mismatch,.vpage .b-claim-fails,.vpage .b-fails{background:#ffe0e0;color:#a40e26}
.vpage .b-expected-mismatch{background:#eee6ff;color:#5a32a3}.vpage .b-design-fact{background:#e3ecf7;color:#254e7b}
.vpage .b-robust{background:#dafbe1;color:#116329}.vpage .b-depends{background:#fff1c2;color:#6f4b00}.vpage .b-claims{background:#e8e8ee;color:#33334d}
.vchapter>h2{margin-top:2.2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}.vfigure>h3{margin:1.4rem 0 .4rem;max-width:48rem}.vcaption{font-weight:normal}
.vcards{list-style:none;margin:0 0 1rem;padding:0}
.vcard{border:1px solid #d0d7de;border-left:4px solid #8c959f;border-radius:6px;padding:.6rem .9rem;margin:.6rem 0;display:grid;grid-template-columns:minmax(0,1.4fr) minmax(16em,1fr);gap:.35rem 1.6rem;background:#fff}
.vcard[data-status=reproduced],.vcard[data-status=claim-holds]{border-left-color:#2da44e}
.vcard[data-status=reproduced-on-a-reinterpreted-base],.vcard[data-status=attainable-only-under-an-assumption],.vcard[data-status=contradicted-by-the-report]{border-left-color:#d4a72c}
.vcard[data-status=impossible-under-every-reading],.vcard[data-status=mismatch],.vcard[data-status=claim-fails]{border-left-color:#cf222e}
.vcard[data-status=claims]{border-left-color:#6e7781;background:#fafbfc}
.vhead{grid-column:1/-1;display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .6rem}.vpage .vhead .badge{white-space:normal;border-radius:.8rem}.vid{font-size:12px;color:#57606a;overflow-wrap:anywhere}
.vquote{margin:0;padding:0 0 0 .8rem;border-left:3px solid #d0d7de;color:#24292f;line-height:1.5;max-width:40em;align-self:start}.vquote.whole{grid-column:1/-1}
.vfacts{margin:0;display:grid;grid-template-columns:fit-content(10em) minmax(0,1fr);gap:.15rem .8rem;font:14px/1.4 Arial,Helvetica,sans-serif;align-content:start}
.vfacts.stacked{display:block}.vfacts.stacked dt{font-size:12px}.vfacts.stacked dd{margin-bottom:.35rem}
.vfollow{margin:0;padding-left:1.1rem}.vfollow li{margin:0 0 .15rem}
.vfacts dt{color:#57606a}.vfacts dd{margin:0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.vnote{grid-column:1/-1;margin:0;font:13px/1.45 Arial,Helvetica,sans-serif;color:#3d444d;overflow-wrap:anywhere}.vnote span{color:#57606a}
@media (max-width:760px){.vcard{grid-template-columns:minmax(0,1fr);padding:.5rem .7rem}}`;
