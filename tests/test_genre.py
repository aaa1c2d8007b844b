"""The news-genre gate: sports, business and culture stories code only acts between states."""

from __future__ import annotations

from marsad.coder import code_text
from marsad.coder.genre import genre_of
from marsad.coder.mentions import build_state
from marsad.model import Document

SPORT = ("وصل لاعبو نادي روما الإيطالي إلى إندونيسيا لخوض مباراة ودية ضمن معسكر الفريق قبل انطلاق الموسم. "
         "وقال مدرب الفريق إن اللاعبين جاهزون للمباراة وإن النادي يسعى إلى التعاقد مع لاعب جديد قبل بداية الدوري. "
         "ويلتقي الفريق الإيطالي نظيره الإندونيسي في الملعب الوطني وسط حضور كبير من الجماهير. "
         "وأكد رئيس النادي أن إدارة النادي تتفاوض مع لاعب أرجنتيني وأن الطرفين اقتربا من اتفاق نهائي على عقد "
         "يمتد ثلاثة مواسم، فيما يواصل الجهاز الفني تحضيراته للمباراة الأولى في الدوري.")
MARKET = ("ارتفع المؤشر العام للسوق السعودية في ختام تداولات اليوم بنسبة 1.2 في المائة بدعم من أسهم البنوك. "
          "وسجلت أسهم الشركات القيادية مكاسب، وبلغت قيمة التداولات نحو خمسة مليارات ريال، فيما تراجعت أسعار "
          "النفط إلى 50 دولارا للبرميل. واتفقت شركة أرامكو السعودية مع شركة صينية على صفقة لتوريد الخام. "
          "وقال محللون إن أرباح الشركات المدرجة في السوق ارتفعت خلال الربع الثاني، وإن المستثمرين يترقبون "
          "نتائج البنوك، فيما استقر مؤشر قطاع العقارات وتراجع مؤشر قطاع البتروكيماويات بنسبة طفيفة.")


def test_a_match_report_is_a_sports_story_and_codes_nothing() -> None:
    assert genre_of(build_state(Document("s", SPORT, "2015-07-25"))) == "genre_sports"
    assert [e for e in code_text(SPORT, "2015-07-25") if e.source.key and e.target.key] == []


def test_a_market_report_is_a_business_story() -> None:
    assert genre_of(build_state(Document("m", MARKET, "2015-08-10"))) == "genre_business"
    assert not any(e.source.key == "SAU" and e.target.key == "CHN" for e in code_text(MARKET, "2015-08-10"))


def test_states_acting_in_a_sports_story_are_still_coded() -> None:
    text = SPORT + " واستقبل الرئيس الإندونيسي وزير الخارجية الإيطالي على هامش المباراة وبحث معه العلاقات."
    got = {(e.source.key, e.target.key) for e in code_text(text, "2015-07-25") if e.root == "04"}
    assert ("IDN", "ITA") in got and ("ITA", "IDN") in got


def test_a_political_story_has_no_genre() -> None:
    text = "استقبل خادم الحرمين الشريفين وزير الخارجية المصري في جدة وبحث معه العلاقات الثنائية."
    assert genre_of(build_state(Document("p", text, "2015-07-25"))) is None


DRAW = ("أسفرت قرعة التصفيات المؤهلة إلى نهائيات المونديال المقبل عن طريق شائك بالنسبة إلى فرنسا التي توجت "
        "باللقب العالمي قبل عقدين، إذ أوقعتها القرعة إلى جانب هولندا والسويد في مجموعة واحدة. ولم ترحم القرعة "
        "إسبانيا أيضا، فقد وضعتها مع إيطاليا المتوجة باللقب أربع مرات، ولن يتأهل منهما مباشرة إلا الأول. "
        "وتلتقي ليبيا رواندا في الدور الأول، فيما تبدو الجزائر مرشحة لتخطي تنزانيا، وتواجه مصر تشاد في "
        "اختبار سهل نسبيا. ويسعى منتخب المغرب إلى التأهل إلى النهائيات للمرة الأولى منذ عشرين عاما، بعدما "
        "خرج من التصفيات الماضية في الدور الأخير. ويرى محللون أن حظوظ المنتخبات العربية في التأهل تبدو أفضل "
        "هذه المرة، وأن المونديال المقبل قد يشهد مشاركة خمسة منتخبات عربية للمرة الأولى في تاريخ النهائيات.")


def test_a_tournament_draw_is_a_sports_story_where_states_are_teams() -> None:
    assert genre_of(build_state(Document("d", DRAW, "2015-07-26"))) == "genre_sports"
    assert [e for e in code_text(DRAW, "2015-07-26") if e.source.key and e.target.key] == []
