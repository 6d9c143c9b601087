#include "flows/demo/demo_addresses.hpp"

namespace clientele::demo::places {
namespace {

using SV = std::string_view;

// ---------------------------------------------------------------------------------------------
// North America and Oceania.

constexpr Place kUsPlaces[] = {
    {"New York", "NY", "100##"},      {"Brooklyn", "NY", "112##"}, {"Los Angeles", "CA", "900##"},
    {"San Francisco", "CA", "941##"}, {"Chicago", "IL", "606##"},  {"Houston", "TX", "770##"},
    {"Austin", "TX", "787##"},        {"Seattle", "WA", "981##"},  {"Boston", "MA", "021##"},
    {"Miami", "FL", "331##"},         {"Denver", "CO", "802##"},   {"Atlanta", "GA", "303##"},
    {"Portland", "OR", "972##"},      {"Phoenix", "AZ", "850##"}};
constexpr Street kUsStreets[] = {{"Main Street"},      {"Oak Avenue"},        {"Maple Drive"},
                                 {"Park Avenue"},      {"Washington Street"}, {"Elm Street"},
                                 {"Cedar Lane"},       {"Pine Street"},       {"Lake Shore Drive"},
                                 {"Sunset Boulevard"}, {"Broadway"},          {"Highland Avenue"}};
constexpr SV kUsLine1[] = {"{n} {street}", "{n}{s} {street}"};
constexpr SV kUsLine2[] = {"Apt {m}", "Suite {n}", "Unit {m}{L}"};

constexpr Place kCaEnPlaces[] = {{"Toronto", "ON", "M5V #@#"},  {"Toronto", "ON", "M4W #@#"},
                                 {"Ottawa", "ON", "K1P #@#"},   {"Vancouver", "BC", "V6B #@#"},
                                 {"Calgary", "AB", "T2P #@#"},  {"Edmonton", "AB", "T5J #@#"},
                                 {"Winnipeg", "MB", "R3C #@#"}, {"Halifax", "NS", "B3J #@#"}};
constexpr Street kCaEnStreets[] = {
    {"Yonge Street"},  {"King Street West"},  {"Queen Street"},   {"Granville Street"},
    {"Robson Street"}, {"Wellington Street"}, {"Portage Avenue"}, {"Jasper Avenue"}};
constexpr SV kCaEnLine1[] = {"{n} {street}"};
constexpr SV kCaEnLine2[] = {"Unit {m}", "Suite {n}"};

constexpr Place kCaFrPlaces[] = {{"Montréal", "QC", "H2X #@#"}, {"Montréal", "QC", "H3B #@#"},
                                 {"Québec", "QC", "G1R #@#"},   {"Laval", "QC", "H7N #@#"},
                                 {"Gatineau", "QC", "J8X #@#"}, {"Sherbrooke", "QC", "J1H #@#"}};
constexpr Street kCaFrStreets[] = {{"rue Sainte-Catherine"}, {"boulevard Saint-Laurent"},
                                   {"rue Saint-Denis"},      {"avenue du Parc"},
                                   {"rue Sherbrooke"},       {"chemin Sainte-Foy"}};
constexpr SV kCaFrLine1[] = {"{n}, {street}"};
constexpr SV kCaFrLine2[] = {"app. {m}", "bureau {n}"};

constexpr Place kMxPlaces[] = {
    {"Ciudad de México", "CMX", "06###"}, {"Ciudad de México", "CMX", "03###"},
    {"Guadalajara", "JAL", "44###"},      {"Monterrey", "NLE", "64###"},
    {"Puebla", "PUE", "72###"},           {"Mérida", "YUC", "97###"},
    {"Querétaro", "QUE", "76###"}};
constexpr Street kMxStreets[] = {{"Avenida Paseo de la Reforma"},
                                 {"Calle Juárez"},
                                 {"Avenida Insurgentes Sur"},
                                 {"Calle Hidalgo"},
                                 {"Calle Morelos"},
                                 {"Avenida Chapultepec"}};
constexpr SV kMxLine1[] = {"{street} {n}"};
constexpr SV kMxLine2[] = {"Col. Centro", "Col. Roma Norte", "Depto. {m}", "Int. {s}"};

constexpr Place kAuPlaces[] = {{"Sydney", "NSW", "20##"},   {"Melbourne", "VIC", "30##"},
                               {"Brisbane", "QLD", "40##"}, {"Perth", "WA", "60##"},
                               {"Adelaide", "SA", "50##"},  {"Canberra", "ACT", "26##"},
                               {"Hobart", "TAS", "70##"},   {"Newcastle", "NSW", "23##"}};
constexpr Street kAuStreets[] = {{"George Street"},       {"Collins Street"}, {"Queen Street"},
                                 {"Hay Street"},          {"Bourke Street"},  {"Pitt Street"},
                                 {"King William Street"}, {"Beach Road"}};
constexpr SV kAuLine1[] = {"{n} {street}"};
constexpr SV kAuLine2[] = {"Unit {m}", "Level {s}"};

// ---------------------------------------------------------------------------------------------
// Europe.

constexpr Place kGbPlaces[] = {{"London", "", "N1 #@@"},
                               {"London", "", "SE1 #@@"},
                               {"London", "", "E14 #@@"},
                               {"London", "", "NW3 #@@"},
                               {"Manchester", "", "M20 #@@"},
                               {"Birmingham", "", "B15 #@@"},
                               {"Leeds", "", "LS6 #@@"},
                               {"Glasgow", "", "G12 #@@"},
                               {"Bristol", "", "BS8 #@@"},
                               {"Edinburgh", "", "EH3 #@@"},
                               {"Cardiff", "", "CF10 #@@"},
                               {"Oxford", "", "OX4 #@@"},
                               {"Brighton", "East Sussex", "BN1 #@@"}};
constexpr Street kGbStreets[] = {
    {"High Street"}, {"Station Road"}, {"Church Lane"},  {"Victoria Road"}, {"Green Lane"},
    {"Manor Road"},  {"Park Road"},    {"Queen Street"}, {"Mill Lane"},     {"The Crescent"}};
constexpr SV kGbLine1[] = {"{n} {street}"};
constexpr SV kGbLine2[] = {"Flat {m}", "Flat {s}{L}"};

constexpr Place kDePlaces[] = {
    {"Berlin", "", "101##"},    {"Berlin", "", "104##"},     {"Hamburg", "", "221##"},
    {"München", "", "803##"},   {"Köln", "", "506##"},       {"Frankfurt am Main", "", "603##"},
    {"Stuttgart", "", "701##"}, {"Düsseldorf", "", "402##"}, {"Leipzig", "", "041##"},
    {"Dresden", "", "010##"},   {"Hannover", "", "301##"},   {"Nürnberg", "", "904##"}};
constexpr Street kDeStreets[] = {
    {"Hauptstraße"}, {"Bahnhofstraße"},   {"Schillerstraße"}, {"Goethestraße"}, {"Lindenstraße"},
    {"Gartenweg"},   {"Friedrichstraße"}, {"Kirchgasse"},     {"Bergstraße"},   {"Am Markt"}};
constexpr SV kDeLine1[] = {"{street} {n}", "{street} {n}{L}"};
constexpr SV kDeLine2[] = {"{s}. OG", "Hinterhaus", "Aufgang {L}"};

constexpr Place kAtPlaces[] = {{"Wien", "", "10#0"},
                               {"Graz", "", "80#0"},
                               {"Linz", "", "40#0"},
                               {"Salzburg", "", "50#0"},
                               {"Innsbruck", "", "60#0"}};
constexpr Street kAtStreets[] = {{"Mariahilfer Straße"}, {"Hauptstraße"}, {"Kirchengasse"},
                                 {"Bahnhofstraße"},      {"Landstraße"},  {"Herrengasse"}};
constexpr SV kAtLine1[] = {"{street} {n}", "{street} {n}/{m}"};
constexpr SV kAtLine2[] = {"Top {m}", "Stiege {s}"};

constexpr Place kChPlaces[] = {{"Zürich", "", "80##"},
                               {"Bern", "", "30##"},
                               {"Basel", "", "40##"},
                               {"Luzern", "", "60##"},
                               {"Winterthur", "", "84##"}};
constexpr Street kChStreets[] = {{"Bahnhofstrasse"}, {"Dorfstrasse"},  {"Seestrasse"},
                                 {"Kirchweg"},       {"Hauptstrasse"}, {"Gartenstrasse"}};
constexpr SV kChLine1[] = {"{street} {n}"};
constexpr SV kChLine2[] = {"Postfach", "{s}. Stock"};

constexpr Place kFrPlaces[] = {{"Paris", "", "7500#"},      {"Paris", "", "7501#"},
                               {"Lyon", "", "6900#"},       {"Marseille", "", "1300#"},
                               {"Toulouse", "", "3100#"},   {"Bordeaux", "", "3300#"},
                               {"Nantes", "", "4400#"},     {"Lille", "", "5900#"},
                               {"Strasbourg", "", "6700#"}, {"Nice", "", "0610#"}};
constexpr Street kFrStreets[] = {
    {"rue de la République"}, {"avenue Victor Hugo"}, {"rue Pasteur"},
    {"boulevard Voltaire"},   {"rue de la Paix"},     {"rue des Lilas"},
    {"avenue Jean Jaurès"},   {"rue du Moulin"},      {"place de la Mairie"}};
constexpr SV kFrLine1[] = {"{n} {street}", "{n} bis {street}"};
constexpr SV kFrLine2[] = {"Bâtiment {L}", "Appartement {m}", "Escalier {s}"};

constexpr Place kBePlaces[] = {{"Bruxelles", "", "10#0"},
                               {"Liège", "", "40#0"},
                               {"Namur", "", "50#0"},
                               {"Charleroi", "", "60#0"}};
constexpr Street kBeStreets[] = {{"Rue de la Loi"},
                                 {"Avenue Louise"},
                                 {"Rue Neuve"},
                                 {"Chaussée de Waterloo"},
                                 {"Rue du Marché"}};
constexpr SV kBeLine1[] = {"{street} {n}"};
constexpr SV kBeLine2[] = {"Boîte {m}"};

constexpr Place kEsPlaces[] = {
    {"Madrid", "Madrid", "280##"},     {"Barcelona", "Barcelona", "080##"},
    {"Valencia", "Valencia", "460##"}, {"Sevilla", "Sevilla", "410##"},
    {"Bilbao", "Bizkaia", "480##"},    {"Málaga", "Málaga", "290##"},
    {"Zaragoza", "Zaragoza", "500##"}};
constexpr Street kEsStreets[] = {{"Calle Mayor"},
                                 {"Gran Vía"},
                                 {"Calle de Alcalá"},
                                 {"Calle del Sol"},
                                 {"Paseo de Gracia"},
                                 {"Calle Real"},
                                 {"Avenida de la Constitución"},
                                 {"Calle de Serrano"}};
constexpr SV kEsLine1[] = {"{street}, {n}"};
constexpr SV kEsLine2[] = {"{s}º {L}", "Bajo", "Escalera {s}, {s}º"};

constexpr Place kItPlaces[] = {{"Roma", "RM", "001##"},    {"Milano", "MI", "201##"},
                               {"Napoli", "NA", "801##"},  {"Torino", "TO", "101##"},
                               {"Firenze", "FI", "501##"}, {"Bologna", "BO", "401##"},
                               {"Venezia", "VE", "301##"}};
constexpr Street kItStreets[] = {
    {"Via Roma"},  {"Corso Italia"}, {"Via Garibaldi"},      {"Via Mazzini"},
    {"Via Dante"}, {"Viale Europa"}, {"Via Giuseppe Verdi"}, {"Piazza della Repubblica"}};
constexpr SV kItLine1[] = {"{street} {n}", "{street}, {n}"};
constexpr SV kItLine2[] = {"Scala {L}", "Interno {m}"};

constexpr Place kNlPlaces[] = {{"Amsterdam", "", "10## @@"}, {"Rotterdam", "", "30## @@"},
                               {"Den Haag", "", "25## @@"},  {"Utrecht", "", "35## @@"},
                               {"Eindhoven", "", "56## @@"}, {"Groningen", "", "97## @@"}};
constexpr Street kNlStreets[] = {{"Kerkstraat"},    {"Dorpsstraat"}, {"Stationsweg"},
                                 {"Prinsengracht"}, {"Molenweg"},    {"Schoolstraat"},
                                 {"Julianalaan"},   {"Nieuwstraat"}};
constexpr SV kNlLine1[] = {"{street} {n}", "{street} {n}-{s}"};
constexpr SV kNlLine2[] = {"{s} hoog"};

constexpr Place kPlPlaces[] = {{"Warszawa", "", "00-###"}, {"Kraków", "", "30-###"},
                               {"Wrocław", "", "50-###"},  {"Poznań", "", "60-###"},
                               {"Gdańsk", "", "80-###"},   {"Łódź", "", "90-###"}};
constexpr Street kPlStreets[] = {{"ul. Marszałkowska"}, {"ul. Długa"}, {"ul. Kościuszki"},
                                 {"ul. Mickiewicza"},   {"ul. Polna"}, {"ul. Słoneczna"},
                                 {"al. Jana Pawła II"}};
constexpr SV kPlLine1[] = {"{street} {n}", "{street} {n}/{m}"};
constexpr SV kPlLine2[] = {"lok. {m}"};

constexpr Place kSePlaces[] = {{"Stockholm", "", "11# ##"},
                               {"Göteborg", "", "41# ##"},
                               {"Malmö", "", "21# ##"},
                               {"Uppsala", "", "75# ##"},
                               {"Västerås", "", "72# ##"}};
constexpr Street kSeStreets[] = {{"Storgatan"}, {"Drottninggatan"}, {"Kungsgatan"},
                                 {"Skolgatan"}, {"Järnvägsgatan"},  {"Parkvägen"}};
constexpr SV kSeLine1[] = {"{street} {n}"};
constexpr SV kSeLine2[] = {"lgh 1{s}0{s}"};

constexpr Place kTrPlaces[] = {{"Kadıköy", "İstanbul", "347##"}, {"Beşiktaş", "İstanbul", "343##"},
                               {"Çankaya", "Ankara", "065##"},   {"Konak", "İzmir", "352##"},
                               {"Nilüfer", "Bursa", "161##"},    {"Muratpaşa", "Antalya", "070##"}};
constexpr Street kTrStreets[] = {{"Atatürk Caddesi"},  {"Cumhuriyet Caddesi"}, {"Bağdat Caddesi"},
                                 {"İstiklal Caddesi"}, {"Gül Sokak"},          {"Lale Sokak"}};
constexpr SV kTrLine1[] = {"{street} No: {n}"};
constexpr SV kTrLine2[] = {"Daire {m}", "Kat {s} Daire {m}"};

constexpr Place kRuPlaces[] = {{"Москва", "", "101###"},
                               {"Москва", "", "125###"},
                               {"Санкт-Петербург", "", "191###"},
                               {"Новосибирск", "Новосибирская область", "630###"},
                               {"Екатеринбург", "Свердловская область", "620###"},
                               {"Казань", "Республика Татарстан", "420###"}};
constexpr Street kRuStreets[] = {{"ул. Тверская"}, {"ул. Ленина"},   {"пр. Мира"},   {"ул. Арбат"},
                                 {"Невский пр."},  {"ул. Гагарина"}, {"ул. Садовая"}};
constexpr SV kRuLine1[] = {"{street}, д. {n}"};
constexpr SV kRuLine2[] = {"кв. {n}"};

constexpr Place kUaPlaces[] = {{"Київ", "", "01###"},
                               {"Київ", "", "04###"},
                               {"Львів", "Львівська область", "79###"},
                               {"Одеса", "Одеська область", "65###"},
                               {"Харків", "Харківська область", "61###"},
                               {"Дніпро", "Дніпропетровська область", "49###"}};
constexpr Street kUaStreets[] = {
    {"вул. Хрещатик"}, {"вул. Шевченка"}, {"просп. Перемоги"}, {"вул. Франка"}, {"вул. Соборна"}};
constexpr SV kUaLine1[] = {"{street}, {n}"};
constexpr SV kUaLine2[] = {"кв. {n}"};

constexpr Place kGrPlaces[] = {{"Αθήνα", "", "105 ##"},
                               {"Αθήνα", "", "115 ##"},
                               {"Θεσσαλονίκη", "", "546 ##"},
                               {"Πάτρα", "", "262 ##"},
                               {"Ηράκλειο", "", "712 ##"}};
constexpr Street kGrStreets[] = {{"Ερμού"},          {"Πανεπιστημίου"},     {"Τσιμισκή"},
                                 {"Αγίου Νικολάου"}, {"Βασιλίσσης Σοφίας"}, {"Μητροπόλεως"}};
constexpr SV kGrLine1[] = {"{street} {n}"};
constexpr SV kGrLine2[] = {"{s}ος όροφος"};

// ---------------------------------------------------------------------------------------------
// South America, Africa and the Middle East.

constexpr Place kBrPlaces[] = {
    {"São Paulo", "SP", "01###-###"},      {"São Paulo", "SP", "04###-###"},
    {"Rio de Janeiro", "RJ", "22###-###"}, {"Belo Horizonte", "MG", "30###-###"},
    {"Porto Alegre", "RS", "90###-###"},   {"Curitiba", "PR", "80###-###"},
    {"Salvador", "BA", "40###-###"},       {"Brasília", "DF", "70###-###"},
    {"Recife", "PE", "50###-###"}};
constexpr Street kBrStreets[] = {{"Rua das Flores"},    {"Avenida Paulista"},   {"Rua Augusta"},
                                 {"Avenida Brasil"},    {"Rua XV de Novembro"}, {"Rua São João"},
                                 {"Avenida Atlântica"}, {"Rua da Consolação"}};
constexpr SV kBrLine1[] = {"{street}, {n}"};
constexpr SV kBrLine2[] = {"Apto {n}", "Bloco {L}, Apto {n}", "Casa {s}"};

constexpr Place kNgPlaces[] = {{"Lagos", "Lagos", "101###"},
                               {"Ikeja", "Lagos", "100###"},
                               {"Abuja", "FCT", "900###"},
                               {"Ibadan", "Oyo", "200###"},
                               {"Port Harcourt", "Rivers", "500###"}};
constexpr Street kNgStreets[] = {{"Awolowo Road"},
                                 {"Adeola Odeku Street"},
                                 {"Allen Avenue"},
                                 {"Ahmadu Bello Way"},
                                 {"Herbert Macaulay Way"}};
constexpr SV kNgLine1[] = {"{n} {street}"};
constexpr SV kNgLine2[] = {"Flat {s}", "Off Admiralty Way"};

constexpr Place kZaPlaces[] = {{"Cape Town", "Western Cape", "80##"},
                               {"Johannesburg", "Gauteng", "20##"},
                               {"Pretoria", "Gauteng", "00##"},
                               {"Durban", "KwaZulu-Natal", "40##"}};
constexpr Street kZaStreets[] = {
    {"Long Street"}, {"Main Road"}, {"Jan Smuts Avenue"}, {"Church Street"}, {"Florida Road"}};
constexpr SV kZaLine1[] = {"{n} {street}"};
constexpr SV kZaLine2[] = {"Unit {m}"};

constexpr Place kEgPlaces[] = {
    {"Cairo", "Cairo", "11###"}, {"Giza", "Giza", "12###"}, {"Alexandria", "Alexandria", "21###"}};
constexpr Street kEgStreets[] = {{"Tahrir Street"},
                                 {"26th of July Street"},
                                 {"Corniche El Nil"},
                                 {"El Gomhoreya Street"},
                                 {"Abbas El Akkad Street"}};
constexpr SV kEgLine1[] = {"{n} {street}"};
constexpr SV kEgLine2[] = {"Apartment {m}", "Floor {s}"};

constexpr Place kJoPlaces[] = {
    {"Amman", "Amman", "11###"}, {"Irbid", "Irbid", "21###"}, {"Zarqa", "Zarqa", "13###"}};
constexpr Street kJoStreets[] = {{"Rainbow Street"},
                                 {"Mecca Street"},
                                 {"Zahran Street"},
                                 {"Queen Rania Street"},
                                 {"Wasfi Al Tal Street"}};
constexpr SV kJoLine1[] = {"{n} {street}"};
constexpr SV kJoLine2[] = {"Building {s}, Apartment {m}"};

constexpr Place kKwPlaces[] = {{"Kuwait City", "Capital", "13###"},
                               {"Salmiya", "Hawalli", "22###"},
                               {"Hawalli", "Hawalli", "32###"},
                               {"Farwaniya", "Farwaniya", "81###"},
                               {"Fahaheel", "Ahmadi", "64###"}};
constexpr Street kKwStreets[] = {
    {"Salem Al Mubarak Street"}, {"Gulf Road"}, {"Tunis Street"}, {"Fahad Al Salem Street"}};
constexpr SV kKwLine1[] = {"Block {s}, Street {m}, House {n}", "Block {s}, {street}, Building {m}"};
constexpr SV kKwLine2[] = {"Floor {s}, Apartment {m}"};

constexpr Place kSaPlaces[] = {{"Riyadh", "Riyadh", "12###"},
                               {"Riyadh", "Riyadh", "11###"},
                               {"Jeddah", "Makkah", "23###"},
                               {"Dammam", "Eastern Province", "32###"},
                               {"Medina", "Madinah", "42###"}};
constexpr Street kSaStreets[] = {{"King Fahd Road"},
                                 {"Olaya Street"},
                                 {"Prince Sultan Road"},
                                 {"Tahlia Street"},
                                 {"King Abdulaziz Road"}};
constexpr SV kSaLine1[] = {"{n}{s}{s}{s} {street}"};
constexpr SV kSaLine2[] = {"Al Olaya District", "Al Malqa District", "Al Rawdah District",
                           "Al Nahdah District"};

constexpr Street kDubaiAreas[] = {
    {"Dubai Marina"}, {"Jumeirah 1"}, {"Al Barsha 1"}, {"Downtown Dubai"}, {"Deira"}};
constexpr Street kAbuDhabiAreas[] = {{"Al Reem Island"}, {"Khalifa City"}, {"Al Khalidiyah"}};
constexpr Street kSharjahAreas[] = {{"Al Majaz 2"}, {"Al Nahda"}, {"Muwaileh"}};
constexpr Place kAePlaces[] = {{"Dubai", "DU", "", "", kDubaiAreas},
                               {"Abu Dhabi", "AZ", "", "", kAbuDhabiAreas},
                               {"Sharjah", "SH", "", "", kSharjahAreas}};
constexpr SV kAeLine1[] = {"Villa {n}, Street {m}", "Apartment {n}{s}, Building {m}"};
constexpr SV kAeLine2[] = {"{street}"};

constexpr Place kIlPlaces[] = {
    {"Tel Aviv-Yafo", "", "6######"}, {"Jerusalem", "", "9######"}, {"Haifa", "", "3######"}};
constexpr Street kIlStreets[] = {{"Dizengoff St"}, {"Rothschild Blvd"}, {"Jaffa Rd"},
                                 {"Herzl St"},     {"Ben Yehuda St"},   {"Allenby St"}};
constexpr SV kIlLine1[] = {"{n} {street}"};
constexpr SV kIlLine2[] = {"Apt {m}"};

// ---------------------------------------------------------------------------------------------
// Asia.

constexpr Place kInPlaces[] = {
    {"Mumbai", "MH", "400###"},  {"New Delhi", "DL", "110###"}, {"Bengaluru", "KA", "560###"},
    {"Chennai", "TN", "600###"}, {"Hyderabad", "TS", "500###"}, {"Kolkata", "WB", "700###"},
    {"Pune", "MH", "411###"},    {"Ahmedabad", "GJ", "380###"}, {"Jaipur", "RJ", "302###"}};
constexpr Street kInStreets[] = {{"MG Road"},     {"Station Road"}, {"Nehru Street"},
                                 {"Park Street"}, {"Linking Road"}, {"Brigade Road"},
                                 {"Anna Salai"},  {"Gandhi Nagar"}};
constexpr SV kInLine1[] = {"{n}, {street}", "Flat {n}, {street}"};
constexpr SV kInLine2[] = {"Near City Mall", "Sector {m}", "Opp. Railway Station"};

constexpr Street kChiyodaTowns[] = {{"丸の内", "Marunouchi"}, {"大手町", "Otemachi"}};
constexpr Street kShibuyaTowns[] = {{"神南", "Jinnan"}, {"恵比寿", "Ebisu"}};
constexpr Street kShinjukuTowns[] = {{"西新宿", "Nishishinjuku"}, {"高田馬場", "Takadanobaba"}};
constexpr Street kYokohamaTowns[] = {{"みなとみらい", "Minatomirai"}};
constexpr Street kOsakaTowns[] = {{"梅田", "Umeda"}, {"中之島", "Nakanoshima"}};
constexpr Street kKyotoTowns[] = {{"烏丸通", "Karasuma-dori"}};
constexpr Street kNagoyaTowns[] = {{"栄", "Sakae"}, {"丸の内", "Marunouchi"}};
constexpr Street kSapporoTowns[] = {{"大通西", "Odorinishi"}};
constexpr Street kFukuokaTowns[] = {{"博多駅前", "Hakataekimae"}};
constexpr Place kJpPlaces[] = {
    {"千代田区", "13", "100-00##", "Chiyoda-ku", kChiyodaTowns},
    {"渋谷区", "13", "150-00##", "Shibuya-ku", kShibuyaTowns},
    {"新宿区", "13", "160-0###", "Shinjuku-ku", kShinjukuTowns},
    {"横浜市西区", "14", "220-00##", "Yokohama-shi Nishi-ku", kYokohamaTowns},
    {"大阪市北区", "27", "530-00##", "Osaka-shi Kita-ku", kOsakaTowns},
    {"京都市中京区", "26", "604-8###", "Kyoto-shi Nakagyo-ku", kKyotoTowns},
    {"名古屋市中区", "23", "460-00##", "Nagoya-shi Naka-ku", kNagoyaTowns},
    {"札幌市中央区", "01", "060-00##", "Sapporo-shi Chuo-ku", kSapporoTowns},
    {"福岡市博多区", "40", "812-00##", "Fukuoka-shi Hakata-ku", kFukuokaTowns}};
constexpr SV kJpLine1[] = {"{street}{s}-{m}-{m}"};
constexpr SV kJpLine2[] = {"{s}0{s}号室", "{street}ハイツ{s}0{s}"};
constexpr SV kJpLatinLine1[] = {"{s}-{m}-{m} {street}"};
constexpr SV kJpLatinLine2[] = {"Room {s}0{s}"};

constexpr Street kShenzhenStreets[] = {{"南山区深南大道", "Shennan Avenue, Nanshan District"},
                                       {"福田区福华路", "Fuhua Road, Futian District"}};
constexpr Street kBeijingStreets[] = {{"建国路", "Jianguo Road"},
                                      {"朝阳北路", "Chaoyang North Road"}};
constexpr Street kShanghaiStreets[] = {{"世纪大道", "Century Avenue"},
                                       {"张杨路", "Zhangyang Road"}};
constexpr Street kGuangzhouStreets[] = {{"天河区天河路", "Tianhe Road, Tianhe District"}};
constexpr Street kHangzhouStreets[] = {{"西湖区文三路", "Wensan Road, Xihu District"}};
constexpr Street kChengduStreets[] = {{"锦江区春熙路", "Chunxi Road, Jinjiang District"}};
constexpr Street kNanjingStreets[] = {{"鼓楼区中山路", "Zhongshan Road, Gulou District"}};
constexpr Place kCnPlaces[] = {{"深圳市", "GD", "518###", "Shenzhen", kShenzhenStreets},
                               {"朝阳区", "BJ", "100###", "Chaoyang District", kBeijingStreets},
                               {"浦东新区", "SH", "200###", "Pudong New Area", kShanghaiStreets},
                               {"广州市", "GD", "510###", "Guangzhou", kGuangzhouStreets},
                               {"杭州市", "ZJ", "310###", "Hangzhou", kHangzhouStreets},
                               {"成都市", "SC", "610###", "Chengdu", kChengduStreets},
                               {"南京市", "JS", "210###", "Nanjing", kNanjingStreets}};
constexpr SV kCnLine1[] = {"{street}{n}号"};
constexpr SV kCnLine2[] = {"{s}栋{s}0{s}室", "{s}单元{s}0{s}"};
constexpr SV kCnLatinLine1[] = {"No. {n} {street}"};
constexpr SV kCnLatinLine2[] = {"Room {s}0{s}, Building {s}"};

constexpr Street kGangnamStreets[] = {{"테헤란로"}, {"강남대로"}};
constexpr Street kJongnoStreets[] = {{"세종대로"}, {"종로"}};
constexpr Street kHaeundaeStreets[] = {{"해운대로"}};
constexpr Street kYeonsuStreets[] = {{"컨벤시아대로"}};
constexpr Place kKrPlaces[] = {{"강남구", "서울특별시", "06###", "", kGangnamStreets},
                               {"종로구", "서울특별시", "03###", "", kJongnoStreets},
                               {"해운대구", "부산광역시", "48###", "", kHaeundaeStreets},
                               {"연수구", "인천광역시", "21###", "", kYeonsuStreets}};
constexpr SV kKrLine1[] = {"{street} {n}"};
constexpr SV kKrLine2[] = {"{s}0{s}호", "{n}동 {s}0{s}호"};

constexpr Street kHcmcStreets[] = {{"Nguyễn Huệ"}, {"Lê Lợi"}, {"Đồng Khởi"}, {"Hai Bà Trưng"}};
constexpr Street kHanoiStreets[] = {{"Tràng Tiền"}, {"Hàng Bài"}, {"Lý Thường Kiệt"}};
constexpr Place kVnPlaces[] = {{"Quận 1", "Thành phố Hồ Chí Minh", "70####", "", kHcmcStreets},
                               {"Quận Hoàn Kiếm", "Thành phố Hà Nội", "10####", "", kHanoiStreets}};
constexpr SV kVnLine1[] = {"{n} {street}"};
constexpr SV kVnLine2[] = {"Phường Bến Nghé", "Tầng {s}"};

constexpr Place kThPlaces[] = {{"Khlong Toei", "Bangkok", "101#0"},
                               {"Pathum Wan", "Bangkok", "103#0"},
                               {"Mueang Chiang Mai", "Chiang Mai", "502#0"},
                               {"Mueang Phuket", "Phuket", "830#0"}};
constexpr Street kThStreets[] = {{"Sukhumvit Road"},
                                 {"Silom Road"},
                                 {"Rama IV Road"},
                                 {"Nimmanhaemin Road"},
                                 {"Ratchadamnoen Road"}};
constexpr SV kThLine1[] = {"{n} {street}", "{n}/{m} {street}"};
constexpr SV kThLine2[] = {"Soi {m}"};

constexpr Place kIdPlaces[] = {
    {"Jakarta Pusat", "DKI Jakarta", "10###"}, {"Jakarta Selatan", "DKI Jakarta", "12###"},
    {"Surabaya", "Jawa Timur", "60###"},       {"Bandung", "Jawa Barat", "40###"},
    {"Medan", "Sumatera Utara", "20###"},      {"Denpasar", "Bali", "80###"}};
constexpr Street kIdStreets[] = {{"Jl. Jenderal Sudirman"},
                                 {"Jl. M.H. Thamrin"},
                                 {"Jl. Gatot Subroto"},
                                 {"Jl. Diponegoro"},
                                 {"Jl. Asia Afrika"}};
constexpr SV kIdLine1[] = {"{street} No. {n}"};
constexpr SV kIdLine2[] = {"RT 00{s}/RW 00{s}"};

constexpr CountryPlaces kCountries[] = {
    {"US", kUsPlaces, kUsStreets, kUsLine1, kUsLine2},
    {"fr-CA", kCaFrPlaces, kCaFrStreets, kCaFrLine1, kCaFrLine2},
    {"CA", kCaEnPlaces, kCaEnStreets, kCaEnLine1, kCaEnLine2},
    {"MX", kMxPlaces, kMxStreets, kMxLine1, kMxLine2},
    {"AU", kAuPlaces, kAuStreets, kAuLine1, kAuLine2},
    {"GB", kGbPlaces, kGbStreets, kGbLine1, kGbLine2},
    {"DE", kDePlaces, kDeStreets, kDeLine1, kDeLine2},
    {"AT", kAtPlaces, kAtStreets, kAtLine1, kAtLine2},
    {"CH", kChPlaces, kChStreets, kChLine1, kChLine2},
    {"FR", kFrPlaces, kFrStreets, kFrLine1, kFrLine2},
    {"BE", kBePlaces, kBeStreets, kBeLine1, kBeLine2},
    {"ES", kEsPlaces, kEsStreets, kEsLine1, kEsLine2},
    {"IT", kItPlaces, kItStreets, kItLine1, kItLine2},
    {"NL", kNlPlaces, kNlStreets, kNlLine1, kNlLine2},
    {"PL", kPlPlaces, kPlStreets, kPlLine1, kPlLine2},
    {"SE", kSePlaces, kSeStreets, kSeLine1, kSeLine2},
    {"TR", kTrPlaces, kTrStreets, kTrLine1, kTrLine2},
    {"RU", kRuPlaces, kRuStreets, kRuLine1, kRuLine2},
    {"UA", kUaPlaces, kUaStreets, kUaLine1, kUaLine2},
    {"GR", kGrPlaces, kGrStreets, kGrLine1, kGrLine2},
    {"BR", kBrPlaces, kBrStreets, kBrLine1, kBrLine2},
    {"NG", kNgPlaces, kNgStreets, kNgLine1, kNgLine2},
    {"ZA", kZaPlaces, kZaStreets, kZaLine1, kZaLine2},
    {"EG", kEgPlaces, kEgStreets, kEgLine1, kEgLine2},
    {"JO", kJoPlaces, kJoStreets, kJoLine1, kJoLine2},
    {"KW", kKwPlaces, kKwStreets, kKwLine1, kKwLine2},
    {"SA", kSaPlaces, kSaStreets, kSaLine1, kSaLine2},
    {"AE", kAePlaces, {}, kAeLine1, kAeLine2},
    {"IL", kIlPlaces, kIlStreets, kIlLine1, kIlLine2},
    {"IN", kInPlaces, kInStreets, kInLine1, kInLine2},
    {"JP", kJpPlaces, {}, kJpLine1, kJpLine2, kJpLatinLine1, kJpLatinLine2},
    {"CN", kCnPlaces, {}, kCnLine1, kCnLine2, kCnLatinLine1, kCnLatinLine2},
    {"KR", kKrPlaces, {}, kKrLine1, kKrLine2},
    {"VN", kVnPlaces, {}, kVnLine1, kVnLine2},
    {"TH", kThPlaces, kThStreets, kThLine1, kThLine2},
    {"ID", kIdPlaces, kIdStreets, kIdLine1, kIdLine2},
};

constexpr SV kDeliveryNotes[] = {
    "Leave the parcel at the door.",
    "Please ring twice.",
    "Deliver to the reception desk.",
    "Call before delivery.",
    "Leave with the neighbour if nobody is home.",
    "Side entrance, blue door.",
    "Weekdays after 6 pm only.",
};

}  // namespace

const CountryPlaces* PlacesFor(std::string_view country, std::string_view language) {
  for (const auto& c : kCountries) {
    if (c.key == language) return &c;
  }
  for (const auto& c : kCountries) {
    if (c.key == country) return &c;
  }
  return nullptr;
}

std::span<const CountryPlaces> AllPlaces() { return kCountries; }

std::span<const std::string_view> DeliveryNotes() { return kDeliveryNotes; }

}  // namespace clientele::demo::places
