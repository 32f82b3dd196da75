"""Language detection accuracy and speed on labelled texts from ../shared/data (see docs/benchmarks.md)."""
import time, glob, random, pandas as pd
from textmine.language import make_detector
D="/work/shared/data"
rows=[]
code={"arabic":"ar","english":"en","french":"fr","german":"de","hindi":"hi","italian":"it","portuguese":"pt","spanish":"es"}
for name,c in code.items():
    for t in open(f"{D}/xlmt_umsab_tweets/data/sentiment/{name}/test_text.txt").read().splitlines()[:150]:
        rows.append((t,c,"xlmt"))
for lang in ["en","de","zh","da","nl","it"]:
    txt=[l[9:].strip() for l in open(f"{D}/xsid/data/xSID-0.7/{lang}.valid.conll") if l.startswith("# text = ")][:150]
    rows+= [(t,lang,"xsid") for t in txt]
sv=[l.split("\t")[3] for l in open(f"{D}/tatoeba_eng_swe/test.txt").read().splitlines()[:150]]
rows+=[(t,"sv","tatoeba") for t in sv]
zh=pd.read_csv(f"{D}/chnsenticorp_htl/datasets/ChnSentiCorp_htl_all/ChnSentiCorp_htl_all.csv").review.dropna().tolist()[:150]
rows+=[(t,"zh","chnsenticorp") for t in zh]
df=pd.DataFrame(rows,columns=["text","lang","src"])
for backend, allowed in [("langdetect",()),("lingua",()),("lingua",("en","de","sv","da","nb","nl","fr","es","it","pt","zh","ar","hi","fi","pl","ja","ko","ru","tr"))]:
    det=make_detector(backend, allowed=allowed)
    t=time.time(); pred=det.detect(df.text.tolist()); dt=time.time()-t
    df["pred"]=pred
    ok=(df.pred==df.lang)
    und=(df.pred=="und")
    print(backend, len(allowed), f"acc={ok.mean():.3f} und={und.mean():.3f} acc_excl_und={ok[~und].mean():.3f} {len(df)/dt:.0f}/s")
    print("   ", df.assign(ok=ok).groupby("lang").ok.mean().round(2).to_dict())
