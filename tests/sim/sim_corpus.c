/* sim_corpus.c: the simulator's own texts (written for this project): comment
 * corpus with the category each comment is expected to get, store texts, and
 * entity names. Static data only. */
#include "ttsim.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

const struct corpus_entry sim_corpus[] = {
	/* inquiry: price, availability, size, delivery, how to order */
	{ "ch7al taman dyal had l3baya?", "inquiry", "darija-latin" },
	{ "bchhal hadi? wach kayn livraison l Agadir?", "inquiry", "darija-latin" },
	{ "wach kayn size L f lkhal?", "inquiry", "darija-latin" },
	{ "kifach ncommandi? jawbni f dm 3afak", "inquiry", "darija-latin" },
	{ "بشحال هادي؟", "inquiry", "darija-arabic" },
	{ "واش كاين التوصيل لطنجة؟", "inquiry", "darija-arabic" },
	{ "شحال الثمن ديال الصاك الكحل؟", "inquiry", "darija-arabic" },
	{ "كم سعر هذه العباية؟", "inquiry", "arabic" },
	{ "هل يوجد مقاس كبير؟", "inquiry", "arabic" },
	{ "C'est combien svp ?", "inquiry", "french" },
	{ "Vous livrez à Marseille ?", "inquiry", "french" },
	{ "Disponible en taille 40 ?", "inquiry", "french" },
	{ "Prix stp et comment commander ?", "inquiry", "french" },
	{ "How much is this? Do you ship to Belgium?", "inquiry", "english" },
	{ "Is the black one still available?", "inquiry", "english" },
	/* complaint: order problem, damaged, accusation */
	{ "commande mazal ma wsslatni, 10 jours hadi!!", "complaint", "darija-latin" },
	{ "l9it lkhit mkhsser f l3baya, machi hiya li f lvideo", "complaint", "darija-latin" },
	{ "تعطلات الطلبية ديالي سيمانة وحتى واحد ما جاوب", "complaint", "darija-arabic" },
	{ "الصاك وصلني مقطوع، بغيت نرجعو", "complaint", "darija-arabic" },
	{ "لم أستلم طلبي منذ أسبوعين", "complaint", "arabic" },
	{ "Colis reçu abîmé, personne ne répond au téléphone", "complaint", "french" },
	{ "J'attends ma commande depuis 12 jours, c'est inadmissible", "complaint", "french" },
	{ "Arnaque ! j'ai payé et rien reçu", "complaint", "french" },
	{ "Wrong size delivered and still no refund", "complaint", "english" },
	{ "Ordered 3 weeks ago, still nothing. Very disappointed", "complaint", "english" },
	/* spam: follow-for-follow, links, numbers, other sellers, scams */
	{ "follow for follow 🔁 f4f", "spam", "english" },
	{ "tab3ni o ntab3ek ❤️", "spam", "darija-latin" },
	{ "تابعني وغادي نتابعك", "spam", "darija-arabic" },
	{ "ربح 1000 درهم يوميا من الدار، تواصل واتساب wa.me/212612345678", "spam", "arabic" },
	{ "Gagnez 500 DH par jour 👉 wa.me/212698765432", "spam", "french" },
	{ "Lunettes -70% 👉 bit.ly/3xSimPromo", "spam", "french" },
	{ "Suivez mon compte, je vends les mêmes moins cher", "spam", "french" },
	{ "Check my page for cheap sneakers!! 🔥🔥 bit.ly/kicks-sim", "spam", "english" },
	{ "DM me for crypto signals 📈 100% profit", "spam", "english" },
	{ "sub4sub? follow back plz", "spam", "english" },
	/* abuse: mild insults */
	{ "skot a l7mar, sel3a khayba", "abuse", "darija-latin" },
	{ "nta mkelekh o sel3tek khayba", "abuse", "darija-latin" },
	{ "انت حمار والسلعة ديالك خايبة", "abuse", "darija-arabic" },
	{ "بائع غبي", "abuse", "arabic" },
	{ "Vous êtes des nuls, bande de clowns 🤡", "abuse", "french" },
	{ "T'es vraiment débile toi", "abuse", "french" },
	{ "Shut up clown 🤡 you're an idiot", "abuse", "english" },
	/* offtopic */
	{ "first 😎", "offtopic", "english" },
	{ "Dima Raja 💚", "offtopic", "darija-latin" },
	{ "Wydad champion 🔴⚪", "offtopic", "french" },
	{ "Qui regarde en 2026 ?", "offtopic", "french" },
	{ "Visca Barça!", "offtopic", "other" },
	{ "anyone here from Casa?", "offtopic", "english" },
	{ "شكون جا من الفيسبوك؟", "offtopic", "darija-arabic" },
	{ "Le match ce soir 🔥⚽", "offtopic", "french" },
	/* other: praise, thanks, tags */
	{ "Mashallah zwina bzaf 😍", "other", "darija-latin" },
	{ "Tbarkellah 3likom", "other", "darija-latin" },
	{ "ما شاء الله روعة", "other", "arabic" },
	{ "جميلة جدا 👏", "other", "arabic" },
	{ "Trop belle cette abaya 😍", "other", "french" },
	{ "Merci, commande bien reçue, qualité top !", "other", "french" },
	{ "Bravo pour le service 👍", "other", "french" },
	{ "@salma_b regardi hadi", "other", "darija-latin" },
	{ "Love it ❤️", "other", "english" },
	{ "Beautiful colors!", "other", "english" },
};
const int sim_corpus_n = N(sim_corpus);

const char *const sim_store_comments[] = {
	"Livraison gratuite partout au Maroc 🚚",
	"Nouvelle collection dispo, lien en bio ✨",
	"الدفع عند الاستلام 👍",
	"Commandez en DM ou sur WhatsApp (lien en bio)",
};
const int sim_store_comments_n = N(sim_store_comments);

const char *const sim_store_replies[] = {
	"Merci ! On vous répond en DM 🙏",
	"السلام عليكم، تواصلي معنا في الخاص 🌸",
	"Disponible en S, M, L. Livraison 24-48h 🚚",
	"Thank you! Check your DMs 💌",
};
const int sim_store_replies_n = N(sim_store_replies);

const char *const sim_campaign_names[] = {
	"Promo Black Friday – Abayas",
	"Soldes d'hiver",
	"تخفيضات رمضان",
	"🔥 Flash sale 🔥",
	"Nouveautés ✨",
	"عروض العيد",
	"Retargeting – Panier abandonné",
	"Caftans de fête 🎉",
	"Collection Été",
	"Livraison gratuite 🚚",
};
const int sim_campaign_names_n = N(sim_campaign_names);

const char sim_japanese_name[] = "東京セール";

const char *const sim_adgroup_names[] = {
	"Casablanca 18-35",
	"الدار البيضاء – نساء 25-44",
	"Rabat – Femmes 25-44",
	"Marrakech Lookalike 3%",
	"Paris 25-45 ✨",
	"Intérêts mode 👗",
	"مراكش – نساء",
	"Broad – Tout le Maroc",
};
const int sim_adgroup_names_n = N(sim_adgroup_names);

const char *const sim_ad_names[] = {
	"فيديو 1 – عباية سوداء",
	"Vidéo UGC – Caftan rose",
	"عبايات جديدة",
	"حقائب يد",
	"Carrousel – Sacs à main 👜",
	"Spark ad – تخفيضات",
	"Témoignage cliente ⭐⭐⭐⭐⭐",
	"Unboxing 📦 – Djellaba",
	"Hijab soie – 3 couleurs",
	"فيديو 2 – قفطان أبيض",
};
const int sim_ad_names_n = N(sim_ad_names);

const char *const sim_captions[] = {
	"Nouvelle abaya noire ✨ dispo en S/M/L #abaya #maroc",
	"عبايات جديدة وصلات 😍 الدفع عند الاستلام",
	"Unboxing de vos commandes 📦",
	"Caftan de fête 🎉 #caftan #mariage",
	"Sacs à main – arrivage de la semaine 👜",
	"Behind the scenes at the atelier 🧵",
};
const int sim_captions_n = N(sim_captions);

const char *const sim_usernames[] = {
	"salma.b", "youssef_212", "khadija.mode", "nour_casa", "amine.rbt", "lina_paris",
	"hajar.style", "omar_tng", "sara.fes", "imane.shop", "mehdi.agadir", "zineb_92",
};
const int sim_usernames_n = N(sim_usernames);
