"""Build survey_multilingual.csv for textmine from hand-written answers.

Every answer below was written by hand (no templates or recombination).
Each entry is (theme, sentiment, text, tags):
  theme     DEL delivery | DMG damaged/wrong/packaging | QUA product quality |
            PRI price/value | SVC customer service | RET returns/refunds |
            UX website/app/checkout | BIL payment/billing | STK stock | GEN generic praise
  sentiment P praise | M mixed | N negative | V very negative
  tags      space separated k=v: c=country, ch=channel, q=quarter (1/2),
            after/before=ISO date, also=secondary theme, nps/csat=override,
            mess=label of a deliberately messy row
Scores are drawn from sentiment-dependent distributions with a fixed seed so the
file is reproducible:  python3 build_example.py
"""
import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20250627

EN = [
    # --- delivery (28)
    ("DEL", "P", "Arrived next day, well before the estimate. Really impressed.", ""),
    ("DEL", "P", "fast shipping", ""),
    ("DEL", "P", "Ordered a laptop on Sunday night and it was on my doorstep Tuesday morning. Can't ask for more than that.", "c=US"),
    ("DEL", "P", "Delivery was super quick and the courier actually texted me a 1-hour window. Brilliant.", "c=GB"),
    ("DEL", "P", "Quick delivery, everything as described.", ""),
    ("DEL", "P", "Got my headphones in 2 days with free shipping 👍", ""),
    ("DEL", "P", "The tracking was accurate to the hour, which never happens with other shops.", ""),
    ("DEL", "P", "Speedy delivery and good communication throughout.", ""),
    ("DEL", "P", "Came a day earlier than promised!!", ""),
    ("DEL", "P", "Ordered at 11pm, delivered by lunchtime the next day. Genuinely don't know how you do it.", "c=GB"),
    ("DEL", "P", "Shipping was fast even though it said it was coming from the EU warehouse.", "c=GB"),
    ("DEL", "P", "Fast and free delivery is the main reason I keep coming back", "nps=11 mess=nps_out_of_range"),
    ("DEL", "P", "my tv arrived in 3 days and the driver carried it upstairs for me, very kind guy", ""),
    ("DEL", "P", "Express delivery was worth every penny. Needed a charger for a trip and it came the next morning.", "c=GB"),
    ("DEL", "P", "Delivered on a Saturday, really handy since I work all week. Quick too.", ""),
    ("DEL", "M", "Delivery was ok, took about a week. Product is fine.", ""),
    ("DEL", "M", "Took a bit longer than the website said but nothing dramatic. Product works well.", ""),
    ("DEL", "M", "Shipping was slower than Amazon tbh but the price was better so I'll live with it.", "c=US also=PRI"),
    ("DEL", "N", "Delivery window kept changing. Three emails, three different dates.", ""),
    ("DEL", "N", "Package sat in a depot for 4 days with no tracking updates. It arrived eventually but nobody could tell me anything in the meantime.", ""),
    ("DEL", "N", "estimated 2-3 days, took 9.", ""),
    ("DEL", "N", "Paid for express, got standard speed. I want the shipping fee back.", "also=BIL"),
    ("DEL", "V", "Still waiting for my order after 3 weeks. Absolutely useless.", ""),
    ("DEL", "V", "Ordered a birthday present two weeks in advance. It turned up 4 days AFTER the birthday. Nobody told me it was delayed until I asked. Never again.", ""),
    ("DEL", "V", "Tracking said delivered. It was not delivered. Took 10 days to sort out and I had to chase every single time.", "also=SVC"),
    ("DEL", "V", "LATE. again. second order in a row that came a week late", ""),
    ("DEL", "V", "Courier left it 'in a safe place' which apparently means nowhere. In the end it was 12 days late and turned up at a neighbour's three doors down.", "c=GB"),
    ("DEL", "V", "Worst delivery experience I've had. Missed two delivery slots I took time off work for.", ""),
    # --- damaged / wrong item / packaging (13)
    ("DMG", "P", "Everything was packed really well, lots of padding, no damage at all even though the box had clearly been thrown around.", ""),
    ("DMG", "P", "Packaging was minimal and recyclable but still kept the monitor safe. Nice.", ""),
    ("DMG", "M", "Box was completely crushed when it arrived but the speaker inside was fine, luckily.", ""),
    ("DMG", "M", "Good price but way too much plastic in the packaging for a tiny usb stick", ""),
    ("DMG", "M", "Recieved the black version instead of the white one. Kept it because I couldn't be bothered sending it back.", ""),
    ("DMG", "N", "Screen had a crack in the corner straight out of the box. Replacement is on its way but what a hassle.", ""),
    ("DMG", "N", "Wrong item. I ordered a 2TB SSD and received a 512GB one.", ""),
    ("DMG", "N", "The keyboard came with a UK layout even though I ordered the US one.", "c=US"),
    ("DMG", "N", "Item arrived with the seal broken and had clearly been used. Sold as new.", ""),
    ("DMG", "N", "packaging soaked through, manual ruined, charger missing from the box", ""),
    ("DMG", "V", "Second time in a row I got the wrong model. Do you people even check what goes in the box???", ""),
    ("DMG", "V", "My monitor arrived smashed. The outer box had a hole you could put your fist through. Photos sent a week ago, still no answer.", "also=SVC"),
    ("DMG", "V", "Received an empty box with just the packing slip in it. EMPTY. Now I'm waiting on an 'investigation'.", ""),
    # --- product quality (19)
    ("QUA", "P", "The noise cancelling headphones are amazing for the price. I use them every day on the train.", ""),
    ("QUA", "P", "Great quality, feels premium", ""),
    ("QUA", "P", "Bought the Nordlicht own-brand charger and it's honestly as good as the big brand ones", ""),
    ("QUA", "P", "The 4K monitor is stunning, colours are spot on out of the box.", "c=GB"),
    ("QUA", "P", "Laptop is fast, quiet and the battery actually lasts all day like they claimed.", ""),
    ("QUA", "P", "Solid build quality, no issues after 3 months of heavy use.", ""),
    ("QUA", "P", "Really happy with my new robot vacuum, works way better than my old one.", ""),
    ("QUA", "P", "the speaker sounds incredible!! 🔊", ""),
    ("QUA", "P", "Products are always genuine and good quality, never had a dud.", ""),
    ("QUA", "P", "Very good camera, exactly as advertised. Pictures are super sharp.", ""),
    ("QUA", "P", "Bought a refurbished phone and honestly you can't tell it apart from new. Battery health was 98%.", ""),
    ("QUA", "M", "Headphones sound good but the ear pads started peeling after 2 months.", ""),
    ("QUA", "M", "Decent tablet for the money, a bit laggy when multitasking.", ""),
    ("QUA", "M", "Product is ok. Nothing special, does the job.", ""),
    ("QUA", "M", "Smartwatch is nice but the battery life is nowhere near the 7 days advertised, more like 3.", ""),
    ("QUA", "N", "The earbuds disconnect constantly. Left one dies way faster then the right one.", ""),
    ("QUA", "N", "Router stopped working after 5 weeks. Just outside the return window of course.", ""),
    ("QUA", "N", "cheap plastic feel, the hinge on the laptop is already wobbly. dissapointed", ""),
    ("QUA", "V", "Third faulty kettle. THIRD. Same issue every time, it just stops heating. How are you still selling these", ""),
    # --- price / value / discounts (18)
    ("PRI", "P", "Best price I could find anywhere for this TV, and the extra discount at checkout was a nice surprise.", ""),
    ("PRI", "P", "Good prices", ""),
    ("PRI", "P", "Price match worked with no fuss, they beat the other store by $20.", "c=US"),
    ("PRI", "P", "Student discount is a great perk, saved me a good amount on my laptop.", ""),
    ("PRI", "P", "Great value for money, the bundle with the case and screen protector was a steal", ""),
    ("PRI", "P", "Cheaper than the big chains for exactly the same product. Easy decision.", ""),
    ("PRI", "P", "Loved the 15% welcome code for new customers.", ""),
    ("PRI", "P", "Free shipping over £25 is reasonable and the prices are fair.", "c=GB"),
    ("PRI", "P", "refurbished section is a gem, got a nearly new ipad for half price", ""),
    ("PRI", "P", "Competitive prices, and the promo price advertised was actually the price at checkout.", ""),
    ("PRI", "P", "Prices are good and the loyalty points actually add up, got a free power bank last month.", ""),
    ("PRI", "P", "Fair prices and no hidden fees at checkout. That's all I want.", ""),
    ("PRI", "M", "Good product but a bit overpriced compared to other retailers", ""),
    ("PRI", "M", "Discount code didn't work at first, had to try 3 times, but it went through eventually.", "also=UX"),
    ("PRI", "M", "Decent deals but shipping costs eat up most of the savings on small items.", ""),
    ("PRI", "M", "Price dropped by $40 a week after I bought it. Would be nice to have some kind of price protection.", "c=US"),
    ("PRI", "N", "The 'sale' price was the same as the normal price last month. Feels like a trick.", ""),
    ("PRI", "N", "Way too expensive for what you get. Found the same cables for half the price elsewhere", ""),
    # --- customer service (24)
    ("SVC", "P", "Customer service was fantastic. Sarah on the chat sorted out my problem in 5 minutes.", ""),
    ("SVC", "P", "Friendly and helpful staff on the phone.", ""),
    ("SVC", "P", "I had a question about compatibility before buying and got a really detailed answer within an hour. Great service.", ""),
    ("SVC", "P", "The support agent was patient with me even though I'm not very techy. Really appreciated it.", ""),
    ("SVC", "P", "Excellent customer support!", ""),
    ("SVC", "P", "They called me back when they said they would, which is rare these days.", ""),
    ("SVC", "P", "Live chat is quick and the people actually know the products.", ""),
    ("SVC", "P", "Had an issue with my order and customer service fixed it without me having to argue. Thank you!", ""),
    ("SVC", "P", "great service as always 😊", ""),
    ("SVC", "P", "I had a weird issue pairing my soundbar. The guy on the hotline (Marcus I think) stayed on the phone for half an hour until it worked. Then he emailed me a guide in case it happens again. That's how it should be done.", ""),
    ("SVC", "P", "Polite, quick responses to my emails, and they followed up afterwards to check everything was ok.", ""),
    ("SVC", "P", "Service team were lovely, they even gave me a small voucher for the trouble.", "c=GB"),
    ("SVC", "P", "Quick reply from support when my order got stuck, they just sent a new one right away.", ""),
    ("SVC", "M", "Support was friendly but it took two days to get a reply.", ""),
    ("SVC", "M", "The chatbot is useless but once I got through to a human it was fine.", ""),
    ("SVC", "M", "Nice people but they couldn't really help, just kept saying they'd escalate it.", ""),
    ("SVC", "N", "On hold for 45 minutes and then the call dropped.", ""),
    ("SVC", "N", "customer service copy pastes the same answer every time without reading what I wrote", ""),
    ("SVC", "N", "Emailed 3 times about my order and only got an automated reply. Please just get back to me at jake.miller82@example.com", "mess=pii_email"),
    ("SVC", "N", "The agent was quite rude and basically implied I broke the product myself.", ""),
    ("SVC", "V", "Customer service is non existent. Nobody answers the phone, nobody answers emails. Appalling.", ""),
    ("SVC", "V", "Delivery was fast but when something went wrong customer service never responded. Two weeks of silence.", "also=DEL"),
    ("SVC", "V", "I've been passed between 4 different agents and had to explain my problem from scratch every time. Unbelievable.", ""),
    ("SVC", "V", "Worst customer service I've ever dealt with. The agent hung up on me.", ""),
    # --- returns & refunds (16) -- Q1 mostly fine, Q2 much worse
    ("RET", "P", "Return was really easy, printed the label, dropped it off and got my refund 3 days later.", "q=1"),
    ("RET", "P", "No questions asked return, which is what I expect but don't always get. Well done.", "q=1"),
    ("RET", "P", "Refund came through super quickly after I sent the headphones back.", "q=1"),
    ("RET", "P", "Returning the wrong size case was simple through the app.", "q=1 ch=app"),
    ("RET", "M", "Return process is fine but you have to pay the return postage yourself which is a bit annoying.", "q=1"),
    ("RET", "N", "Took nearly 3 weeks to get my refund after they received the return.", "q=1"),
    ("RET", "P", "Returned a monitor, refund arrived within a week. All good.", "q=2"),
    ("RET", "M", "The returns portal works but the refund took longer than I'd like, about 2 weeks.", "q=2"),
    ("RET", "M", "Easy to send back, slow to get the money back.", "q=2"),
    ("RET", "N", "Return was accepted but the refund was £15 short because of a 'restocking fee' nobody mentioned.", "q=2 c=GB"),
    ("RET", "N", "The returns portal kept giving me an error so I couldn't generate a label. Had to email them in the end.", "q=2 also=UX"),
    ("RET", "N", "refund still pending after 4 weeks, status just says 'processing' forever", "q=2"),
    ("RET", "N", "They changed the returns policy and now it's 14 days instead of 30. Not great.", "q=2"),
    ("RET", "V", "Sent my return back over a month ago, tracking shows you received it, still no refund. I want my money back.", "q=2"),
    ("RET", "V", "Returns are a nightmare now. The drop-off point no longer accepts your parcels so I had to drive 40 minutes to another one, and the refund STILL hasn't arrived.", "q=2"),
    ("RET", "V", "They refused my refund claiming I damaged the item. It was faulty on arrival!!", "q=2"),
    # --- website / app / checkout (16)
    ("UX", "P", "Website is clean and easy to navigate, found what I needed in a minute.", ""),
    ("UX", "P", "The app is really smooth, ordering takes like 30 seconds.", "ch=app"),
    ("UX", "P", "Love the comparison feature on the website, made choosing a laptop much easier.", ""),
    ("UX", "P", "Easy checkout with Apple Pay", ""),
    ("UX", "P", "Good filters on the site, easy to find compatible accessories.", ""),
    ("UX", "P", "easy to order, good site", ""),
    ("UX", "P", "The app's price alerts are great, got a notification when the camera I wanted dropped in price.", "ch=app"),
    ("UX", "M", "The site is fine but search results are a bit random, searching 'usb c cable' showed me fridges.", ""),
    ("UX", "M", "App is ok but keeps logging me out.", "ch=app"),
    ("UX", "M", "Checkout is easy but having to create an account just to buy something is annoying.", ""),
    ("UX", "M", "Nice products, clunky website. Product pages take forever to load on mobile.", ""),
    ("UX", "N", "Checkout failed 4 times with a generic 'something went wrong' error.", ""),
    ("UX", "N", "The app crashes every time I try to open my order history.", "ch=app"),
    ("UX", "N", "Couldn't apply my voucher at checkout, the box just didn't appear.", ""),
    ("UX", "N", "Website is confusing, I couldn't figure out how to change my delivery address after ordering.", ""),
    ("UX", "V", "Spent 30 minutes trying to check out, the page kept reloading and emptying my cart. Gave up and bought it elsewhere.", ""),
    # --- payment / billing (11)
    ("BIL", "P", "Paying with PayPal was quick and the invoice was in my inbox straight away.", ""),
    ("BIL", "M", "Billing was correct in the end but the first invoice showed the wrong VAT.", "c=GB"),
    ("BIL", "N", "I was charged for shipping even though the order qualified for free delivery.", ""),
    ("BIL", "N", "Invoice had the wrong address on it and I need it for work expenses. Took a while to get it corrected.", ""),
    ("BIL", "N", "The price at checkout was higher than on the product page. Small difference but still.", ""),
    ("BIL", "V", "I was charged TWICE for the same order. It took three weeks and countless emails to get the money back.", ""),
    ("BIL", "V", "Double charge on my credit card. Still waiting for the duplicate payment to be refunded.", ""),
    ("BIL", "V", "Payment failed so I paid again, and then both payments went through. Now I'm out $300 until someone fixes it.", "c=US"),
    ("BIL", "V", "charged for an item that was cancelled because it was out of stock. disgusting", "also=STK"),
    ("BIL", "V", "My card was billed for an extended warranty I never signed up for. Feels like a scam.", ""),
    ("BIL", "V", "Delivery was fine but billing is a mess: charged twice, refunded once, then charged again??", "also=DEL"),
    # --- stock availability (6)
    ("STK", "P", "You were the only shop that actually had the console in stock. Thank you!", ""),
    ("STK", "M", "Website said in stock but then I got an email saying it's backordered for 2 weeks. Product is good though.", ""),
    ("STK", "M", "Good shop, but the colour I wanted has been sold out for ages.", "c=GB"),
    ("STK", "N", "Item was listed as available, I paid, and then it got cancelled becuase it was out of stock.", ""),
    ("STK", "N", "Always out of stock on the things I actually want.", ""),
    ("STK", "V", "Waited 6 weeks for a 'back in stock' item, then they just cancelled the order. Complete waste of time.", ""),
    # --- generic praise (7)
    ("GEN", "P", "Great!", ""),
    ("GEN", "P", "all good, would definately recommend", ""),
    ("GEN", "P", "Everything was <b>perfect</b>, thanks!! <br>Will order again", "mess=html"),
    ("GEN", "P", "Very happy customer 😀", ""),
    ("GEN", "P", "no complaints", ""),
    ("GEN", "P", "Always a great experience shopping with Nordlicht.", ""),
    ("GEN", "P", "Just a really good shop. Already recommended it to my brother.", ""),
]

DE = [
    # --- Lieferung (18)
    ("DEL", "P", "Lieferung war super schnell, schon am nächsten Tag da.", ""),
    ("DEL", "P", "Schnelle Lieferung, alles bestens.", ""),
    ("DEL", "P", "Am Montag bestellt, am Mittwoch war das Paket da. Top!", ""),
    ("DEL", "P", "Sehr schneller Versand und die Sendungsverfolgung hat genau gestimmt.", ""),
    ("DEL", "P", "Trotz Versand in die Schweiz nach 3 Tagen da, ohne Zollstress. Sehr gut.", "c=CH"),
    ("DEL", "P", "Die Lieferung kam sogar einen Tag früher als angekündigt 👍", ""),
    ("DEL", "P", "schnell geliefert, gut verpackt, passt", "also=DMG"),
    ("DEL", "P", "Der Fahrer hat vorher angerufen und kam pünktlich. Schnell und zuverlässig.", ""),
    ("DEL", "P", "Bin echt überrascht wie flott das ging, das Paket war nach 2 Tagen in Graz.", "c=AT"),
    ("DEL", "P", "Lieferung per DHL Express, war innerhalb von 24 Stunden da. Respekt!", "c=DE"),
    ("DEL", "M", "Lieferung hat etwas länger gedauert als angegeben, aber das Produkt ist gut.", ""),
    ("DEL", "M", "Versand ok, Lieferzeit könnte kürzer sein.", "csat=0 mess=csat_zero"),
    ("DEL", "N", "Liefertermin wurde zweimal verschoben, ohne Begründung.", ""),
    ("DEL", "N", "Paket lag 5 Tage im Verteilzentrum rum, sehr nervig", ""),
    ("DEL", "V", "Lieferung kam über eine Woche zu spät und niemand konnte mir sagen, wo das Paket ist.", ""),
    ("DEL", "V", "Das Paket wurde als zugestellt markiert, kam aber nie an. Hat zwei Wochen gedauert, bis sich jemand drum gekümmert hat.", "also=SVC"),
    ("DEL", "V", "Expressversand bezahlt, nach 8 Tagen geliefert. Frechheit!", ""),
    ("DEL", "V", "Im Jänner bestellt, Mitte Februar geliefert. Geht gar nicht.", "c=AT after=2025-02-14 before=2025-03-20"),
    # --- Beschädigt / falscher Artikel / Verpackung (8)
    ("DMG", "P", "Sehr gut verpackt, alles heil angekommen.", ""),
    ("DMG", "M", "Karton war ziemlich eingedrückt, Gerät zum Glück ok.", ""),
    ("DMG", "M", "Viel zu viel Verpackungsmüll für ein kleines Kabel. Ansonsten gut.", ""),
    ("DMG", "N", "Falscher Artikel geliefert: bestellt war die Version mit 256 GB, bekommen habe ich 128 GB.", ""),
    ("DMG", "N", "Display hatte einen Kratzer, war offensichtlich B-Ware und nicht neu.", ""),
    ("DMG", "N", "Im Karton fehlte das Netzteil.", ""),
    ("DMG", "V", "Fernseher kam mit gebrochenem Display an. Die Verpackung war ein Witz, nur ein dünner Karton.", ""),
    ("DMG", "V", "Zum zweiten Mal das falsche Produkt bekommen. Langsam reicht es.", ""),
    # --- Produktqualität (12)
    ("QUA", "P", "Die Qualität der Kopfhörer ist hervorragend, Klang top.", ""),
    ("QUA", "P", "Sehr hochwertiges Produkt, bin begeistert.", ""),
    ("QUA", "P", "Der Laptop läuft einwandfrei, leise und schnell.", ""),
    ("QUA", "P", "Gute Qualität, Originalware, keine Probleme.", ""),
    ("QUA", "P", "Die Kamera ist der Hammer, genau wie beschrieben.", ""),
    ("QUA", "P", "Saugroboter funktioniert super, hätte ich schon viel früher kaufen sollen", ""),
    ("QUA", "P", "Fernseher hat ein super Bild, und die Einrichtung war kinderleicht.", ""),
    ("QUA", "M", "Produkt ist in Ordnung, aber die Verarbeitung könnte besser sein.", ""),
    ("QUA", "M", "Der Akku der Smartwatch hält leider nur 2 Tage statt der versprochenen 5.", ""),
    ("QUA", "M", "Klang gut, aber die Bluetooth-Verbindung bricht manchmal ab.", ""),
    ("QUA", "N", "Das Gerät ist nach 6 Wochen kaputt gegangen.", ""),
    ("QUA", "V", "Handy nach einer Woche defekt, das Austauschgerät hat das gleiche Problem. Finger weg!", ""),
    # --- Preis / Rabatte (12)
    ("PRI", "P", "Gute Preise und regelmäßig Rabattaktionen.", ""),
    ("PRI", "P", "Preis-Leistung stimmt einfach.", ""),
    ("PRI", "P", "Günstiger als bei den großen Elektromärkten, gleiche Ware.", ""),
    ("PRI", "P", "Der 10%-Gutschein für die erste Bestellung war ein netter Bonus.", ""),
    ("PRI", "P", "Top Preis für den Monitor, hab vorher überall verglichen.", ""),
    ("PRI", "P", "Preise in CHF sind fair, nicht wie bei anderen Shops mit Schweiz-Aufschlag.", "c=CH"),
    ("PRI", "P", "Beim Sale richtig zugeschlagen, Kopfhörer für die Hälfte bekommen.", ""),
    ("PRI", "M", "Versandkosten sind für kleine Bestellungen zu hoch.", ""),
    ("PRI", "M", "Guter Shop, leider etwas teurer als die Konkurrenz.", ""),
    ("PRI", "M", "Eine Woche nach dem Kauf war der Artikel 30 € billiger. Ärgerlich, aber das Produkt ist gut.", ""),
    ("PRI", "N", "Viel zu teuer. Gleiches Produkt woanders 50 Euro günstiger.", ""),
    ("PRI", "N", "Die angeblichen Rabatte sind Fake, vorher wurde der Preis einfach erhöht.", ""),
    # --- Kundenservice (14)
    ("SVC", "P", "Sehr freundlicher und kompetenter Kundenservice.", ""),
    ("SVC", "P", "Der Mitarbeiter am Telefon war super nett und hat mein Problem sofort gelöst.", ""),
    ("SVC", "P", "Schnelle Antwort auf meine Anfrage, sehr hilfsbereit.", ""),
    ("SVC", "P", "Kundenservice top, die haben sich sogar nochmal gemeldet, ob alles passt.", ""),
    ("SVC", "P", "Im Chat wurde mir sehr schnell geholfen. Danke an Frau Berger!", ""),
    ("SVC", "P", "Freundlich, schnell, unkompliziert. So muss Service sein.", ""),
    ("SVC", "P", "Super Beratung per Mail, danach wusste ich genau, welches Kabel ich brauche.", "c=CH"),
    ("SVC", "P", "Hatte ein Problem mit der Garantie, wurde am Telefon sofort und ohne Diskussion gelöst.", ""),
    ("SVC", "M", "Der Service war freundlich, aber es hat 4 Tage gedauert bis zur Antwort.", ""),
    ("SVC", "M", "Die Hotline ist schwer zu erreichen, aber wenn man durchkommt, wird einem geholfen.", ""),
    ("SVC", "N", "Die Mitarbeiterin war ziemlich unfreundlich und hat mich ständig unterbrochen.", ""),
    ("SVC", "N", "Chatbot versteht nix, und einen echten Menschen erreicht man nicht.", ""),
    ("SVC", "V", "Lieferung war schnell, aber der Kundenservice hat auf keine meiner drei Mails geantwortet. Unmöglich.", "also=DEL"),
    ("SVC", "V", "Katastrophaler Kundenservice. 40 Minuten in der Warteschleife und dann einfach aufgelegt.", ""),
    # --- Rücksendung / Erstattung (10)
    ("RET", "P", "Rücksendung ging völlig problemlos, das Geld war nach ein paar Tagen zurück.", "q=1"),
    ("RET", "P", "Retoure einfach über die App angemeldet, Etikett ausgedruckt, fertig.", "q=1 ch=app"),
    ("RET", "M", "Rückgabe ok, aber dass man den Rückversand selbst zahlen muss, finde ich nicht mehr zeitgemäß.", "q=1"),
    ("RET", "N", "Hat fast drei Wochen gedauert, bis die Erstattung kam.", "q=1"),
    ("RET", "P", "Umtausch hat gut geklappt, das neue Gerät war schnell da.", "q=2"),
    ("RET", "M", "Retoure wurde angenommen, die Erstattung dauert aber ewig.", "q=2"),
    ("RET", "N", "Rücksendeportal funktioniert nicht, ich bekomme immer nur eine Fehlermeldung.", "q=2 also=UX"),
    ("RET", "N", "Seit der Umstellung im Frühjahr ist die Rückgabe total kompliziert geworden. Früher war das viel einfacher.", "q=2 after=2025-04-10"),
    ("RET", "V", "Ware vor 5 Wochen zurückgeschickt. Laut Tracking ist sie seit einem Monat bei euch. Geld immer noch nicht da, und auf Mails antwortet keiner. So verliert man Kunden.", "q=2 also=SVC"),
    ("RET", "V", "Erstattung abgelehnt, weil das Gerät angeblich von mir beschädigt wurde. Es war aber schon defekt, als es ankam! Nie wieder.", "q=2"),
    # --- Website / App / Checkout (10)
    ("UX", "P", "Übersichtliche Website, Bestellung in 2 Minuten erledigt.", ""),
    ("UX", "P", "Die App ist super praktisch, vor allem die Sendungsverfolgung.", "ch=app"),
    ("UX", "P", "einfacher Bestellprozess, gute Filterfunktion", ""),
    ("UX", "P", "Bezahlen mit Twint ging ganz einfach, die Bestellung war ruckzuck abgeschlossen.", "c=CH"),
    ("UX", "M", "Website ok, aber die Suche findet oft nicht das Richtige.", ""),
    ("UX", "M", "App stürzt manchmal ab, sonst alles gut.", "ch=app"),
    ("UX", "N", "Der Checkout hat dreimal abgebrochen, erst am PC hat es dann geklappt.", ""),
    ("UX", "N", "Gutscheincode konnte nicht eingegeben werden, das Feld war einfach nicht da.", ""),
    ("UX", "N", "Die Seite ist auf dem Handy garnicht benutzbar, alles lädt ewig.", ""),
    ("UX", "V", "Warenkorb wurde beim Bezahlen zweimal geleert. Hab dann woanders bestellt.", ""),
    # --- Zahlung / Rechnung (7)
    ("BIL", "P", "Bezahlung auf Rechnung hat problemlos funktioniert.", ""),
    ("BIL", "M", "Die Rechnung kam erst nach mehrmaligem Nachfragen, sonst alles ok.", ""),
    ("BIL", "N", "Auf der Rechnung stand ein falscher Betrag, musste das erst klären lassen.", ""),
    ("BIL", "V", "Mir wurde der Betrag doppelt abgebucht!! Bis heute keine Rückerstattung.", ""),
    ("BIL", "V", "Doppelte Abbuchung von meiner Kreditkarte und der Support schiebt es auf die Bank. Unfassbar.", "also=SVC"),
    ("BIL", "V", "Bestellung storniert, trotzdem Geld abgebucht. Seit 3 Wochen warte ich auf mein Geld.", ""),
    ("BIL", "V", "Zahlung per Klarna zweimal belastet, und jetzt bekomme ich auch noch Mahnungen.", ""),
    # --- Verfügbarkeit (4)
    ("STK", "P", "Endlich mal ein Shop, der die Grafikkarte wirklich auf Lager hatte!", ""),
    ("STK", "M", "Artikel war als lieferbar angezeigt, kam dann aber wegen Lieferengpass erst nach 2 Wochen. Produkt gut.", ""),
    ("STK", "N", "Was ich suche, ist ständig ausverkauft.", ""),
    ("STK", "N", "Bestellung wurde nach einer Woche storniert, weil der Artikel doch nicht auf Lager war.", ""),
    # --- allgemeines Lob (3)
    ("GEN", "P", "Alles super, gerne wieder!", ""),
    ("GEN", "P", "Bin rundum zufrieden.", ""),
    ("GEN", "P", "Top Shop 👍👍", ""),
]

SV = [
    # --- leverans (14)
    ("DEL", "P", "Snabb leverans, kom dagen efter!", ""),
    ("DEL", "P", "Leveransen gick supersnabbt och paketet kom till närmaste ombud.", ""),
    ("DEL", "P", "Beställde på kvällen och hade paketet redan nästa dag. Helt otroligt.", ""),
    ("DEL", "P", "snabb och smidig leverans", ""),
    ("DEL", "P", "Kom fram tidigare än utlovat, och jag fick sms med exakt tid. Toppen!", ""),
    ("DEL", "P", "Bra att man kan välja hemleverans på kvällen, funkade perfekt.", ""),
    ("DEL", "P", "Riktigt snabbt, 2 dagar till Kiruna 👌", ""),
    ("DEL", "P", "Leveransen kom på utsatt tid och budet ringde innan. Perfekt.", ""),
    ("DEL", "M", "Leveransen tog lite längre tid än beräknat men det gjorde inte så mycket.", ""),
    ("DEL", "M", "Helt ok leverans, inget att klaga på egentligen men inget extra heller.", "nps= mess=nps_missing"),
    ("DEL", "N", "Leveransdatumet ändrades tre gånger. Irriterande.", ""),
    ("DEL", "V", "Paketet kom nästan två veckor försent. Ingen information alls under tiden.", ""),
    ("DEL", "V", "Leveransen tog evigheter och PostNord hade ingen aning om var paketet var.", ""),
    ("DEL", "V", "Spårningen sa levererat men det låg inget i brevlådan eller hos ombudet. Fick tjata i över en vecka innan nån tog det på allvar.", "also=SVC"),
    # --- skadad / fel vara / förpackning (7)
    ("DMG", "P", "Väl förpackat och allt var helt.", ""),
    ("DMG", "M", "Kartongen var helt tillknycklad men hörlurarna klarade sig.", ""),
    ("DMG", "M", "Fick fel färg men orkade inte skicka tillbaka den.", ""),
    ("DMG", "N", "Fick fel modell, jag beställde en 27-tums skärm och fick en 24-tums.", ""),
    ("DMG", "N", "Laddaren saknades i förpackningen.", ""),
    ("DMG", "N", "Skärmen hade en repa direkt ur kartongen.", ""),
    ("DMG", "V", "Tv:n kom sönderslagen. Förpackningen var på tok för tunn för en så dyr produkt!!", ""),
    # --- produktkvalitet (10)
    ("QUA", "P", "Grym kvalitet på hörlurarna, ljudet är fantastiskt.", ""),
    ("QUA", "P", "Datorn är snabb och tyst, precis vad jag behövde.", ""),
    ("QUA", "P", "Bra kvalitet, känns gediget.", ""),
    ("QUA", "P", "Mycket nöjd med min nya robotdammsugare!", ""),
    ("QUA", "P", "kameran är helt fantastisk, skarpa bilder även i mörker", ""),
    ("QUA", "M", "Produkten är okej men batteriet håller inte så länge som det står.", ""),
    ("QUA", "M", "Bra ljud men lite klumpig design.", ""),
    ("QUA", "N", "Routern slutade fungera efter en månad.", ""),
    ("QUA", "N", "Känns billigt, plasten knakar och knapparna sitter löst.", ""),
    ("QUA", "V", "Mobilen dog efter en vecka. Skräp.", ""),
    # --- pris (10)
    ("PRI", "P", "Bra priser och ofta bra erbjudanden.", ""),
    ("PRI", "P", "Billigast på marknaden när jag köpte, och samma produkt som i butik.", ""),
    ("PRI", "P", "Prisvärt! Fick dessutom rabatt med medlemskoden.", ""),
    ("PRI", "P", "Fri frakt och bra pris, vad mer kan man begära", ""),
    ("PRI", "P", "Riktigt bra deal på tv:n under rean 😍", ""),
    ("PRI", "P", "Prismatchningen funkade smidigt, fick samma pris som hos konkurrenten.", ""),
    ("PRI", "M", "Frakten är lite dyr för små beställningar.", ""),
    ("PRI", "M", "Sänkte priset med 300 kr veckan efter att jag köpt. Lite surt.", ""),
    ("PRI", "N", "Alldeles för dyrt jämfört med andra butiker.", ""),
    ("PRI", "N", "Rabatten var ingen riktig rabatt, priset hade höjts innan.", ""),
    # --- kundtjänst (12)
    ("SVC", "P", "Supertrevlig kundtjänst som löste mitt problem direkt.", ""),
    ("SVC", "P", "Fick snabbt svar i chatten och personen var jättetrevlig.", ""),
    ("SVC", "P", "Kundservicen var hjälpsam och lyhörd, tack!", ""),
    ("SVC", "P", "De ringde upp mig samma dag och fixade allt. Bra service.", ""),
    ("SVC", "P", "Trevligt bemötande i telefon, kände mig verkligen hjälpt.", ""),
    ("SVC", "P", "Snabbt svar på mejl, mycket professionellt.", ""),
    ("SVC", "P", "Kundtjänst hjälpte mig välja rätt kabel innan köpet, väldigt kunniga.", ""),
    ("SVC", "M", "Trevlig personal men det tog fem dagar att få svar.", ""),
    ("SVC", "M", "Chattboten är värdelös men när man väl får prata med en människa går det bra.", ""),
    ("SVC", "N", "Fick inget svar på mitt mejl på över en vecka.", ""),
    ("SVC", "V", "Ingen har hört av sig trots att jag mejlat tre gånger. Ring mig på +46 70 123 45 67, jag har väntat i två veckor!", "mess=pii_phone"),
    ("SVC", "V", "Kundtjänst existerar inte. Ingen svarar i telefon och mejlen besvaras aldrig.", ""),
    # --- returer och återbetalning (8)
    ("RET", "P", "Returen var enkel och pengarna kom tillbaka inom några dagar.", "q=1"),
    ("RET", "P", "Smidigt att returnera via appen, bara att lämna paketet hos ombudet.", "q=1 ch=app"),
    ("RET", "M", "Returen gick bra men man får betala returfrakten själv.", "q=1"),
    ("RET", "M", "Lätt att skicka tillbaka, men återbetalningen tog nästan tre veckor.", "q=2"),
    ("RET", "N", "Returportalen ger bara felmeddelanden, fick mejla istället.", "q=2 also=UX"),
    ("RET", "N", "De nya returreglerna är sämre, bara 14 dagar nu.", "q=2"),
    ("RET", "V", "Skickade tillbaka hörlurarna för över en månad sedan och har fortfarande inte fått pengarna. Ingen svarar.", "q=2"),
    ("RET", "V", "De vägrade återbetala och påstod att jag hade skadat produkten. Den var trasig från början!", "q=2"),
    # --- webbplats / app / kassa (8)
    ("UX", "P", "Smidig app och enkelt att beställa.", "ch=app"),
    ("UX", "P", "Tydlig hemsida, lätt att hitta rätt.", ""),
    ("UX", "P", "Superenkelt att betala med Swish i kassan.", ""),
    ("UX", "M", "Hemsidan är okej men sökfunktionen är dålig.", ""),
    ("UX", "M", "Appen loggar ut mig hela tiden, annars bra.", "ch=app"),
    ("UX", "N", "Kassan krånglade, fick försöka fyra gånger innan betalningen gick igenom.", ""),
    ("UX", "N", "Rabattkoden gick inte att använda i appen.", "ch=app"),
    ("UX", "V", "Hemsidan kraschade mitt i köpet och varukorgen försvan. Köpte någon annanstans.", ""),
    # --- betalning / faktura (5)
    ("BIL", "M", "Fakturan kom lite sent men annars inga problem.", ""),
    ("BIL", "N", "Fel belopp på fakturan, fick ringa och reda ut det.", ""),
    ("BIL", "V", "Dragen två gånger för samma beställning!! Har fortfarande inte fått tillbaka pengarna.", ""),
    ("BIL", "V", "Jag blev debiterad trots att ordern avbröts. Tog en månad att få tillbaka pengarna.", ""),
    ("BIL", "V", "Dubbeldebitering på kortet och kundtjänst skyller på banken. Skandal.", "also=SVC"),
    # --- lagerstatus (3)
    ("STK", "P", "Enda stället som hade konsolen i lager, tack!", ""),
    ("STK", "M", "Bra butik men det jag vill ha är ofta slutsålt.", ""),
    ("STK", "N", "Ordern avbröts efter en vecka för att varan inte fanns i lager.", ""),
    # --- allmänt beröm (2)
    ("GEN", "P", "Allt var toppen!", ""),
    ("GEN", "P", "Mycket nöjd, rekommenderar varmt.", ""),
]

ZH = [
    # --- 物流 (11)
    ("DEL", "P", "物流很快，第二天就到了。", ""),
    ("DEL", "P", "发货速度快，快递小哥服务也好。", ""),
    ("DEL", "P", "下单第二天就收到了，速度超出预期👍", ""),
    ("DEL", "P", "顺丰发货，很快，包装也不错。", "also=DMG"),
    ("DEL", "P", "配送很及时，比预计早了两天到。", ""),
    ("DEL", "P", "快递员送货上门，还帮忙搬上楼，很贴心。", ""),
    ("DEL", "M", "物流稍微慢了一点，不过东西还可以。", ""),
    ("DEL", "N", "配送时间一改再改，也没有任何解释。", ""),
    ("DEL", "V", "显示已签收，但我根本没收到包裹！打了好几次电话才处理。", ""),
    ("DEL", "V", "说好三天到，结果拖了十天，急用的东西都耽误了。打客服电话也没人接。这次体验真的很差。", "also=SVC"),
    ("DEL", "V", "物流太慢了，再也不会买了", ""),
    # --- 破损 / 发错货 / 包装 (5)
    ("DMG", "P", "包装很严实，没有任何磕碰。", ""),
    ("DMG", "M", "外箱压坏了，好在里面的耳机没事。", ""),
    ("DMG", "N", "发错货了，我买的是白色，收到的是黑色。", ""),
    ("DMG", "N", "少发了充电器，联系客服才补发。", ""),
    ("DMG", "V", "显示器屏幕碎了，包装太简陋，非常失望。", ""),
    # --- 质量 (7)
    ("QUA", "P", "质量很好，做工精细，值得购买。", ""),
    ("QUA", "P", "耳机音质非常棒，降噪效果也很好。", ""),
    ("QUA", "P", "正品，用了一个月没有任何问题。", ""),
    ("QUA", "P", "电脑运行很流畅，续航也不错。", ""),
    ("QUA", "M", "东西还行，就是电池不太耐用。", ""),
    ("QUA", "N", "用了不到一个月就坏了，质量一般。", ""),
    ("QUA", "V", "手机用了一周就黑屏，换的新机也有同样问题，太坑了！", ""),
    # --- 价格 (7)
    ("PRI", "P", "价格很实惠，比其他平台便宜。", ""),
    ("PRI", "P", "性价比高，活动力度很大。", ""),
    ("PRI", "P", "新用户优惠券很给力，省了不少钱。", ""),
    ("PRI", "P", "价格公道，还送了赠品😊", ""),
    ("PRI", "M", "价格一般，没有特别便宜。", "nps= mess=nps_missing"),
    ("PRI", "M", "买完一周就降价了100元，有点郁闷。", ""),
    ("PRI", "N", "太贵了，同样的东西别的地方便宜好多。", ""),
    # --- 客服 (9)
    ("SVC", "P", "客服态度特别好，耐心解答我的问题。", ""),
    ("SVC", "P", "客服回复很快，问题当天就解决了。", ""),
    ("SVC", "P", "服务很贴心，还主动打电话回访。", ""),
    ("SVC", "P", "在线客服很专业，推荐的配件很合适。", ""),
    ("SVC", "P", "客服小姐姐很nice，赞一个", ""),
    ("SVC", "M", "客服态度还可以，就是回复有点慢。", ""),
    ("SVC", "N", "发了好几封邮件都没人回复。", ""),
    ("SVC", "N", "客服一直在踢皮球，问题到现在都没解决。", ""),
    ("SVC", "V", "客服电话根本打不通，在线客服也不回，服务太差了！", ""),
    # --- 退货退款 (6)
    ("RET", "P", "退货很方便，退款三天就到账了。", "q=1"),
    ("RET", "P", "七天无理由退货，流程简单，点赞。", "q=1"),
    ("RET", "M", "退货流程还行，但是退款等了快两周。", "q=2"),
    ("RET", "N", "退货申请页面一直报错，只能打客服电话。", "q=2 also=UX"),
    ("RET", "N", "退款到现在还没到账，一直显示处理中。", "q=2"),
    ("RET", "V", "东西寄回去一个多月了，钱还没退，客服也不理人。", "q=2 also=SVC"),
    # --- 网站 / APP / 结账 (6)
    ("UX", "P", "APP界面简洁，下单很方便。", "ch=app"),
    ("UX", "P", "网站很好用，找东西很快。", ""),
    ("UX", "M", "网站还行，但是搜索功能不太准。", ""),
    ("UX", "M", "APP有时候会闪退，其他还好。", "ch=app"),
    ("UX", "N", "结账的时候一直提示错误，试了好几次才付款成功。", ""),
    ("UX", "N", "优惠券在结算页面用不了，很麻烦。", ""),
    # --- 支付 / 扣费 (5)
    ("BIL", "P", "支付宝付款很顺利，发票也及时开了。", ""),
    ("BIL", "N", "发票信息开错了，重新开又等了一周。", ""),
    ("BIL", "V", "同一个订单被扣了两次款！到现在还没退回来。", ""),
    ("BIL", "V", "订单取消了钱还是被扣了，非常气愤。", ""),
    ("BIL", "V", "信用卡被重复扣费，客服说要等银行处理，太不负责了。", "also=SVC"),
    # --- 库存 (2)
    ("STK", "M", "想要的颜色一直缺货，只能先买了别的颜色。", ""),
    ("STK", "N", "付款后才告诉我没货，订单被取消了，浪费时间。", ""),
    # --- 总体好评 (2)
    ("GEN", "P", "很满意，下次还来。", ""),
    ("GEN", "P", "非常好！五星好评", ""),
]

# Rows without usable text, as a real export has them: (answer, country, nps, csat, ces, mess)
JUNK = [
    ("", "US", 9, 5, 7, "empty_answer"),
    ("", "DE", 3, 2, 2, "empty_answer"),
    ("", "SE", 8, 4, 5, "empty_answer"),
    ("-", "GB", 7, 4, 4, "placeholder_dash"),
    ("n/a", "US", 10, 5, 6, "placeholder_na"),
]

NON_ORDER = {"SVC", "PRI", "UX", "STK"}  # complaints not about the order itself


def pick(rng, values, weights):
    return rng.choices(values, weights=weights, k=1)[0]


def draw_scores(rng, theme, sent):
    if sent == "P":
        nps = pick(rng, [9, 10], [30, 70] if theme in {"DEL", "SVC", "GEN"} else [40, 60])
        csat = pick(rng, [4, 5], [30, 70])
        ces = pick(rng, [5, 6, 7], [10, 35, 55])
    elif sent == "M":
        nps = pick(rng, [6, 7, 8, 9], [8, 35, 37, 20])
        csat = pick(rng, [3, 4, 5], [15, 60, 25])
        ces = pick(rng, [3, 4, 5, 6], [10, 30, 35, 25])
    elif sent == "N":
        nps = pick(rng, [2, 3, 4, 5, 6, 7], [12, 15, 18, 20, 20, 15])
        if theme in NON_ORDER:
            csat = pick(rng, [1, 2, 3, 4], [5, 20, 30, 45])
        else:
            csat = pick(rng, [1, 2, 3, 4], [10, 30, 38, 22])
        ces = pick(rng, [1, 2, 3, 4, 5], [10, 30, 30, 22, 8])
    else:  # V
        if theme in {"DEL", "BIL"}:  # late delivery and billing errors: strongest negative drivers
            nps = pick(rng, [0, 1, 2], [45, 35, 20])
        else:
            nps = pick(rng, [0, 1, 2, 3], [30, 30, 25, 15])
        csat = pick(rng, [1, 2, 3], [60, 32, 8]) if theme not in NON_ORDER else pick(rng, [1, 2, 3, 4], [30, 30, 25, 15])
        ces = pick(rng, [1, 2, 3], [65, 28, 7])
    return nps, csat, ces


def parse_tags(s):
    out = {}
    for tok in s.split():
        k, _, v = tok.partition("=")
        out[k] = v
    return out


START, END = dt.date(2025, 1, 6), dt.date(2025, 6, 27)
Q1_END = dt.date(2025, 3, 31)


def draw_date(rng, tags):
    lo, hi = START, END
    if tags.get("q") == "1":
        hi = Q1_END
    elif tags.get("q") == "2":
        lo = Q1_END + dt.timedelta(days=1)
    if "after" in tags:
        lo = max(lo, dt.date.fromisoformat(tags["after"]))
    if "before" in tags:
        hi = min(hi, dt.date.fromisoformat(tags["before"]))
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def draw_country(rng, lang, text, tags):
    if "c" in tags:
        return tags["c"]
    if lang == "en":
        if "£" in text:
            return "GB"
        if "$" in text:
            return "US"
        return pick(rng, ["US", "GB"], [55, 45])
    if lang == "de":
        # Swiss Standard German has no "ß"; CH prices are in CHF, not euro
        if "ß" in text or "€" in text or "Euro" in text:
            return pick(rng, ["DE", "AT"], [78, 22])
        return pick(rng, ["DE", "AT", "CH"], [64, 18, 18])
    return {"sv": "SE", "zh": "CN"}[lang]


def main():
    rng = random.Random(SEED)
    rows = []
    seen = set()
    for lang, items in (("en", EN), ("de", DE), ("sv", SV), ("zh", ZH)):
        for theme, sent, text, tagstr in items:
            assert text not in seen, f"duplicate answer: {text}"
            seen.add(text)
            tags = parse_tags(tagstr)
            nps, csat, ces = draw_scores(rng, theme, sent)
            if "nps" in tags:
                nps = tags["nps"]  # "11" or "" (missing)
            if "csat" in tags:
                csat = tags["csat"]
            rows.append(dict(
                submitted_at=draw_date(rng, tags).isoformat(),
                country=draw_country(rng, lang, text, tags),
                channel=tags.get("ch") or pick(rng, ["web", "app", "email"], [50, 30, 20]),
                nps_score=nps, csat=csat, ces=ces, answer=text,
                _lang=lang, _theme=theme, _also=tags.get("also", ""), _sent=sent,
                _mess=tags.get("mess", ""),
            ))
    for text, country, nps, csat, ces, mess in JUNK:
        rows.append(dict(
            submitted_at=draw_date(rng, {}).isoformat(), country=country,
            channel=pick(rng, ["web", "app", "email"], [50, 30, 20]),
            nps_score=nps, csat=csat, ces=ces, answer=text,
            _lang="", _theme="", _also="", _sent="", _mess=mess,
        ))
    assert len(rows) == 400, len(rows)

    rng.shuffle(rows)                      # random order within a day
    rows.sort(key=lambda r: r["submitted_at"])  # stable sort by date
    for i, r in enumerate(rows, 1):
        r["respondent_id"] = f"R{i:04d}"

    cols = ["respondent_id", "submitted_at", "country", "channel", "nps_score", "csat", "ces", "answer"]
    with open(HERE / "survey_multilingual.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])

    # answer key: intended theme/sentiment per row (for comparing with textmine's output)
    with open(HERE / "survey_multilingual_labels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["respondent_id", "language", "intended_theme", "secondary_theme", "intended_sentiment", "messy"])
        for r in rows:
            w.writerow([r["respondent_id"], r["_lang"], r["_theme"], r["_also"], r["_sent"], r["_mess"]])

    print("messy rows:")
    for r in rows:
        if r["_mess"]:
            print(f"  {r['respondent_id']} {r['country']} {r['_mess']:18s} nps={r['nps_score']!s:>2} csat={r['csat']} answer={r['answer']!r}")


if __name__ == "__main__":
    main()
